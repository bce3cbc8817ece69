package eval_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"khatt/eval"
	"khatt/seeds"
	"khatt/timeline"
)

// floors are the figures a corpus must keep: the extractor's quality as
// measured when they were set, less a margin of one event's worth.
type floors struct{ f1, xref, date float64 }

// score builds the timeline of the roots as `khatt export --format json`
// does, and scores it against the gold file.
func score(t *testing.T, roots []timeline.Root, goldPath string) eval.Result {
	t.Helper()
	g, err := eval.LoadGold(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	tl := timeline.LoadTimeline(roots, timeline.DefaultLexicon())
	for _, p := range tl.Problems {
		t.Errorf("load: %v", p)
	}
	// What a user gets by default: events under the default confidence dropped.
	tl.Events = timeline.Filter{MinConfidence: timeline.DefaultMinConfidence}.Apply(tl.Events)
	var buf bytes.Buffer
	if err := timeline.WriteJSON(&buf, tl); err != nil {
		t.Fatal(err)
	}
	sys, err := eval.ParseSystem(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	r := eval.Score(g, sys)
	t.Log("\n" + r.Report())
	return r
}

func check(t *testing.T, r eval.Result, min floors) {
	t.Helper()
	if r.F1 < min.f1 {
		t.Errorf("F1 %.3f < floor %.3f", r.F1, min.f1)
	}
	if r.Xref < min.xref {
		t.Errorf("cross-references %.3f < floor %.3f", r.Xref, min.xref)
	}
	if r.Date < min.date {
		t.Errorf("date accuracy %.3f < floor %.3f", r.Date, min.date)
	}
}

// TestDevset scores the development set of real articles, which lives
// outside the repository (its texts may not be copied in). KHATT_DEVSET
// names another copy.
func TestDevset(t *testing.T) {
	dir := os.Getenv("KHATT_DEVSET")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "devset")
	}
	if _, err := os.Stat(filepath.Join(dir, "gold.json")); err != nil {
		t.Skipf("no development set at %s (set KHATT_DEVSET): %v", dir, err)
	}
	r := score(t, timeline.PathRoots([]string{filepath.Join(dir, "articles")}), filepath.Join(dir, "gold.json"))
	check(t, r, floors{f1: 0.93, xref: 0.90, date: 0.98})
}

// TestSeeds scores the embedded seed articles against their annotation.
func TestSeeds(t *testing.T) {
	roots := []timeline.Root{{FS: seeds.FS, Path: ".", Display: func(n string) string { return "seeds/" + n }}}
	r := score(t, roots, filepath.Join("..", "testdata", "gold", "seeds.json"))
	check(t, r, floors{f1: 0.95, xref: 0.95, date: 0.90})
}

// TestHeldout scores articles written by the team and kept out of tuning.
func TestHeldout(t *testing.T) {
	dir := filepath.Join("..", "testdata", "heldout")
	r := score(t, timeline.PathRoots([]string{filepath.Join(dir, "articles")}), filepath.Join(dir, "gold.json"))
	check(t, r, floors{f1: 0.84, xref: 0.73, date: 0.91})
}
