// Package phases tells where a run's time goes: with KHATT_PHASES set, each
// Mark writes to stderr the time since the process started and the phase
// that ended then (the scan of the corpus, the cache's lookup, extraction,
// the merge, the writing of an export). Whole-process timings say how
// long; this says where, without a profiler.
package phases

import (
	"fmt"
	"os"
	"time"
)

var (
	start = time.Now()
	on    = os.Getenv("KHATT_PHASES") != ""
)

// Mark notes that a phase ended.
func Mark(name string) {
	if on {
		fmt.Fprintf(os.Stderr, "khatt: %7.1f ms  %s\n", float64(time.Since(start).Microseconds())/1000, name)
	}
}
