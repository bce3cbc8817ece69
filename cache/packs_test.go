package cache

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// packFiles lists the packs of the cache at path.
func packFiles(t *testing.T, path string) []string {
	t.Helper()
	entries, err := os.ReadDir(packDir(path))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// decoded looks up a key (as article made it) and decodes its events and
// forms.
func decoded(t *testing.T, c *Cache, key string) error {
	t.Helper()
	got, err := c.Lookup([]string{key}, []int64{10}, []int64{20})
	if err != nil {
		t.Fatal(err)
	}
	a := got[key]
	if a == nil {
		t.Fatalf("%s not found", key)
	}
	evs, err := a.Decode()
	if err != nil {
		return err
	}
	if len(evs) != 1 || evs[0].Mentions[0].Sentence != "زار" {
		t.Fatalf("%s: decoded %+v", key, evs)
	}
	if _, err := a.ReadForms(); err != nil {
		return err
	}
	return nil
}

func TestEventsLiveInPacks(t *testing.T) {
	c, path := openTemp(t)
	putArticles(t, c, []string{"/x/a.txt", "/x/b.txt"})
	putArticles(t, c, []string{"/x/c.txt"})
	if got := packFiles(t, path); len(got) != 1 {
		t.Fatalf("one process's batches went to packs %v, not one", got)
	}
	for _, k := range []string{"/x/a.txt", "/x/c.txt"} {
		if err := decoded(t, c, k); err != nil {
			t.Fatal(err)
		}
	}
	st, err := c.Stats()
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(packDir(path), packFiles(t, path)[0]))
	if err != nil || st.Bytes < info.Size() {
		t.Fatalf("stats count %d bytes, the pack alone %d", st.Bytes, info.Size())
	}
	if err := c.Clear(); err != nil {
		t.Fatal(err)
	}
	if got := packFiles(t, path); len(got) != 0 {
		t.Fatalf("cleared, packs %v remain", got)
	}
	c.Close()
}

// setRefs makes every row of the cache at path refer to its events and
// forms by ref.
func setRefs(t *testing.T, path string, ref []byte) {
	t.Helper()
	c, err := Open(path, "v1", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.db.Exec(`UPDATE articles SET events = ?, forms = ?`, ref, ref); err != nil {
		t.Fatal(err)
	}
}

// A pack damaged, cut short or gone, or a row that names something else,
// is an error for the article (extracted again), never its events.
func TestDamagedPacksAreNotTrusted(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path, pack string)
	}{
		{"a letter changed", func(t *testing.T, path, pack string) {
			// Still well-formed: only the checksum tells.
			b, err := os.ReadFile(pack)
			if err != nil {
				t.Fatal(err)
			}
			i := strings.Index(string(b), "زار")
			if i < 0 {
				t.Fatal("the pack does not hold the sentence")
			}
			b[i+5] = 0xb6 // زاض
			os.WriteFile(pack, b, 0o600)
		}},
		{"cut short", func(t *testing.T, path, pack string) { os.Truncate(pack, 5) }},
		{"gone", func(t *testing.T, path, pack string) { os.RemoveAll(packDir(path)) }},
		{"a fifo in its place", func(t *testing.T, path, pack string) {
			os.Remove(pack)
			if err := syscall.Mkfifo(pack, 0o600); err != nil {
				t.Skip(err)
			}
		}},
		{"a row that names a path", func(t *testing.T, path, pack string) {
			setRefs(t, path, append([]byte(refMagic+"../../../../../../etc/passwd"), 0, 10, 1, 2, 3, 4))
		}},
		{"a row that asks for a gigabyte", func(t *testing.T, path, pack string) {
			setRefs(t, path, ref{pack: filepath.Base(pack), off: 0, n: 1 << 30}.encode())
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, path := openTemp(t)
			putArticles(t, c, []string{"/x/a.txt"})
			c.Close()
			tc.damage(t, path, filepath.Join(packDir(path), packFiles(t, path)[0]))
			c, err := Open(path, "v1", nil)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if err := decoded(t, c, "/x/a.txt"); err == nil {
				t.Fatal("a damaged pack was trusted")
			}
		})
	}
}

func TestSweepRemovesAndRewritesPacks(t *testing.T) {
	_, path := openTemp(t)
	// Each process writes a pack of its own: nineteen small packs of one
	// article each, and then one that replaces the first two articles.
	var keys []string
	for i := 0; i < 19; i++ {
		c, err := Open(path, "v1", nil)
		if err != nil {
			t.Fatal(err)
		}
		k := "/x/" + strings.Repeat("a", i+1) + ".txt"
		keys = append(keys, k)
		putArticles(t, c, []string{k})
		c.Close() // packs written just now are left alone
	}
	c, err := Open(path, "v1", nil)
	if err != nil {
		t.Fatal(err)
	}
	putArticles(t, c, keys[:2])
	if got := len(packFiles(t, path)); got != 20 {
		t.Fatalf("%d packs, not 20", got)
	}
	if err := c.sweepPacks(0); err != nil {
		t.Fatal(err)
	}
	// The two packs no row names are gone; the other seventeen, small and
	// many, were rewritten into this process's pack.
	if got := packFiles(t, path); len(got) != 1 || got[0] != c.packs.name {
		t.Fatalf("after the sweep, packs %v (this process's: %s)", got, c.packs.name)
	}
	for _, k := range keys {
		if err := decoded(t, c, k); err != nil {
			t.Fatalf("%s after the sweep: %v", k, err)
		}
	}
	c.Close()
	// A pack changed lately may be another process's, its rows not yet
	// committed: left alone.
	c, err = Open(path, "v1", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	stray := filepath.Join(packDir(path), strings.Repeat("0", 32)+packSuffix)
	os.WriteFile(stray, []byte("being written"), 0o600)
	if err := c.sweepPacks(time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stray); err != nil {
		t.Fatal("a pack being written was removed")
	}
	if err := c.sweepPacks(0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stray); err == nil {
		t.Fatal("a pack no row names was kept")
	}
}
