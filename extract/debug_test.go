package extract

import (
	"os"
	"path/filepath"
	"testing"

	"khatt/corpus"
	"khatt/lexicon"
)

// TestDebugDump prints the frames of the articles named by KHATT_DEBUG
// (file paths): a tool for lexicon and rule work.
func TestDebugDump(t *testing.T) {
	paths := os.Getenv("KHATT_DEBUG")
	if paths == "" {
		t.Skip("set KHATT_DEBUG to article paths")
	}
	x := New(lexicon.Default())
	for _, p := range filepath.SplitList(paths) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		src, err := corpus.ParseArticle(p, data, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s\n%s", p, x.Debug(&src))
	}
}
