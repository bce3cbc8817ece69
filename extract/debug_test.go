package extract

import (
	"os"
	"path/filepath"
	"testing"

	"khatt/corpus"
	"khatt/lexicon"
)

// TestDebugDump prints the frames of the articles named by KHATT_DEBUG
// (file paths): a tool for lexicon and rule work. Each article is loaded
// with its directory, so that a meta.ini there gives its publication date.
func TestDebugDump(t *testing.T) {
	paths := os.Getenv("KHATT_DEBUG")
	if paths == "" {
		t.Skip("set KHATT_DEBUG to article paths")
	}
	x := New(lexicon.Default())
	for _, p := range filepath.SplitList(paths) {
		srcs, errs := corpus.Load(corpus.PathRoots([]string{filepath.Dir(p)}))
		for _, err := range errs {
			t.Log(err)
		}
		found := false
		for i := range srcs {
			if filepath.Base(srcs[i].Path) == filepath.Base(p) {
				t.Logf("%s\n%s", p, x.Debug(&srcs[i]))
				found = true
			}
		}
		if !found {
			t.Fatalf("%s: not loaded", p)
		}
	}
}
