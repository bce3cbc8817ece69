package watch

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func isArticle(name string) bool {
	return strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, "meta.ini")
}

// TestWatch: adding, changing and removing an article (also in a new
// subdirectory) each call back once the directory is quiet; other files,
// hidden ones and a file beside a watched file do not.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "one.txt"), []byte("x"), 0o644)
	var calls atomic.Int32
	w, err := New([]string{dir, filepath.Join(other, "one.txt")}, isArticle, 50*time.Millisecond, func() { calls.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	expect := func(what string, want bool, do func()) {
		t.Helper()
		before := calls.Load()
		do()
		wait := 2 * time.Second // a call that should come comes well within it
		if !want {
			wait = 400 * time.Millisecond // eight quiet periods
		}
		deadline := time.Now().Add(wait)
		for calls.Load() == before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if got := calls.Load() != before; got != want {
			t.Errorf("%s: called back %v, want %v", what, got, want)
		}
	}
	p := filepath.Join(dir, "a.txt")
	expect("add", true, func() { os.WriteFile(p, []byte("مقالة"), 0o644) })
	expect("change", true, func() { os.WriteFile(p, []byte("مقالة معدلة"), 0o644) })
	expect("remove", true, func() { os.Remove(p) })
	expect("a file that is not an article", false, func() { os.WriteFile(filepath.Join(dir, "notes.docx"), nil, 0o644) })
	expect("a hidden file", false, func() { os.WriteFile(filepath.Join(dir, ".khatt-1.tmp"), nil, 0o644) })
	sub := filepath.Join(dir, "new")
	expect("a new directory", true, func() { os.Mkdir(sub, 0o755) })
	expect("an article in the new directory", true, func() { os.WriteFile(filepath.Join(sub, "b.txt"), []byte("x"), 0o644) })
	expect("the watched file changed", true, func() { os.WriteFile(filepath.Join(other, "one.txt"), []byte("y"), 0o644) })
	expect("a file beside the watched file", false, func() { os.WriteFile(filepath.Join(other, "two.txt"), []byte("y"), 0o644) })
	// Many writes at once are one call.
	before := calls.Load()
	for i := 0; i < 20; i++ {
		os.WriteFile(filepath.Join(dir, "burst"+string(rune('a'+i))+".txt"), []byte("x"), 0o644)
	}
	time.Sleep(500 * time.Millisecond)
	if n := calls.Load() - before; n != 1 {
		t.Errorf("a burst of writes called back %d times, want once", n)
	}
}
