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
	for i := range srcs {
		if want != "all" && !strings.HasPrefix(srcs[i].ID, want) {
			continue
		}
		for _, c := range extractSource(&srcs[i], i, lx, nil) {
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

// TestDebugSentences prints the entities and triggers of each sentence of
// the seed whose prefix is KHATT_DEBUG_SENT.
func TestDebugSentences(t *testing.T) {
	want := os.Getenv("KHATT_DEBUG_SENT")
	if want == "" {
		t.Skip("set KHATT_DEBUG_SENT to a seed prefix")
	}
	lx := DefaultLexicon()
	root := Root{FS: seeds.FS, Path: "."}
	if dir := os.Getenv("KHATT_DEBUG_DIR"); dir != "" {
		root = Root{FS: os.DirFS(dir), Path: "."}
	}
	srcs, _ := Load([]Root{root}, lx)
	for i := range srcs {
		if !strings.HasPrefix(srcs[i].ID, want) {
			continue
		}
		d := newDocState(lx)
		for _, sn := range Segment(srcs[i].Text, srcs[i].BodyStart) {
			s := d.readSentence(sn.Tokens)
			var parts []string
			for _, e := range s.ents {
				parts = append(parts, fmt.Sprintf("[%d-%d %s prep=%v conj=%v]", e.from, e.to, e.ent.Name, e.prep, e.conj))
			}
			var tr []string
			for _, x := range s.trigs {
				tr = append(tr, fmt.Sprintf("%d:%s(%s verb=%v)", x.at, sn.Tokens[x.at].Raw, x.info.typ, x.info.verb))
			}
			fmt.Printf("s%d ents=%s\n    trigs=%s\n", sn.Index, strings.Join(parts, " "), strings.Join(tr, " "))
		}
	}
}
