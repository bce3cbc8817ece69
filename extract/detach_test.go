package extract

import (
	"encoding/json"
	"testing"

	"khatt/corpus"
	"khatt/internal/heldstr"
	"khatt/seeds"
)

// TestDetach: after Detach no string reachable from an article's events
// (found by reflection, so a field added later is checked too) points
// into the article's text, and every event reads as before.
func TestDetach(t *testing.T) {
	srcs, _ := corpus.Load([]corpus.Root{{FS: seeds.FS, Path: "."}})
	if len(srcs) == 0 {
		t.Fatal("no seeds")
	}
	inText := 0
	for i := range srcs {
		src := &srcs[i]
		evs := testX.Article(src)
		before, err := json.Marshal(evs)
		if err != nil {
			t.Fatal(err)
		}
		inText += len(heldstr.Into(evs, src.Text))
		Detach(evs, src.Text)
		if left := heldstr.Into(evs, src.Text); len(left) > 0 {
			t.Fatalf("%s: still in the text after Detach: %q", src.ID, left)
		}
		if after, _ := json.Marshal(evs); string(after) != string(before) {
			t.Fatalf("%s: the events changed:\n%s\n%s", src.ID, before, after)
		}
	}
	if inText == 0 {
		t.Fatal("no string pointed into a text before Detach: the test checks nothing")
	}
}
