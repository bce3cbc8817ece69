package par

import (
	"sync/atomic"
	"testing"
)

// TestEach: every index is run once, for loops shorter and longer than
// the cores, and none for an empty one.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 3, 1000} {
		seen := make([]atomic.Int32, n)
		Each(n, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Fatalf("n=%d: index %d ran %d times", n, i, c)
			}
		}
	}
}
