package timeline

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"khatt/seeds"
)

// TestDebugDump prints every candidate of the articles named by
// KHATT_DEBUG (a file-name prefix, or "all"): a tool for lexicon work.
func TestDebugDump(t *testing.T) {
	want := os.Getenv("KHATT_DEBUG")
	if want == "" {
		t.Skip("set KHATT_DEBUG to a seed prefix")
	}
	dir := os.Getenv("KHATT_DEBUG_DIR")
	root := Root{FS: seeds.FS, Path: "."}
	if dir != "" {
		root = Root{FS: os.DirFS(dir), Path: "."}
	}
	lx := DefaultLexicon()
	srcs, _ := Load([]Root{root}, lx)
	p := &people{corpus: map[string]*Entity{}}
	for i := range srcs {
		if want != "all" && !strings.HasPrefix(srcs[i].ID, want) {
			continue
		}
		for _, c := range extractSource(&srcs[i], i, lx, p) {
			var names []string
			for _, a := range c.actors {
				names = append(names, a.Name+"/"+string(a.Kind))
			}
			place := ""
			if c.place != nil {
				place = c.place.Name
			}
			fmt.Printf("s%-2d %-9s %-10s own=%-5v plan=%-5v %-14q actors=%v place=%s basis=%s\n", c.sent, c.typ, c.date.String(), c.ownDate, c.planned, c.mention.Trigger, names, place, c.date.Basis)
		}
	}
}
