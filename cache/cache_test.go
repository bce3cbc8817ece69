package cache

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"khatt/extract"
	"khatt/merge"
	"khatt/model"
)

func article(key string) *Article {
	return &Article{Key: key, Size: 10, ModTime: 20, Hash: "h-" + key,
		Source: model.Source{ID: "a", Path: key, Title: "عنوان", Text: "النص كله"},
		Events: []extract.Event{{Type: model.Visit, Source: "a", Mentions: []model.Mention{{Source: "a", Sentence: "زار", Start: 1, End: 7}}}}}
}

// openTemp opens a new cache of version v1 in a temporary directory.
func openTemp(t *testing.T) (*Cache, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "index.db")
	c, err := Open(path, "v1", nil)
	if err != nil {
		t.Fatal(err)
	}
	return c, path
}

// putArticles stores an article (see article) under each key.
func putArticles(t *testing.T, c *Cache, keys []string) {
	t.Helper()
	var arts []*Article
	for _, k := range keys {
		arts = append(arts, article(k))
	}
	if err := c.Put(arts); err != nil {
		t.Fatal(err)
	}
}

// unchanged is the sizes and times of files under the keys that are as
// article made them.
func unchanged(keys []string) (sizes, times []int64) {
	for _, k := range keys {
		a := article(k)
		sizes, times = append(sizes, a.Size), append(times, a.ModTime)
	}
	return sizes, times
}

func TestArticlesAndTimelinesRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.db")
	c, err := Open(path, "v1", func(w string) { t.Errorf("warned: %s", w) })
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Put([]*Article{article("/x/a.txt"), article("/x/b.txt")}); err != nil {
		t.Fatal(err)
	}
	got, err := c.Lookup([]string{"/x/a.txt", "/x/b.txt"}, []int64{10, 11}, []int64{20, 20})
	if err != nil {
		t.Fatal(err)
	}
	// b's size differs: not taken.
	if len(got) != 1 || got["/x/a.txt"] == nil {
		t.Fatalf("lookup: %v", got)
	}
	// Many keys are looked up by reading the table once: the same answer.
	defer func(n int) { smallLookup = n }(smallLookup)
	smallLookup = 0
	again, err := c.Lookup([]string{"/x/a.txt", "/x/b.txt"}, []int64{10, 11}, []int64{20, 20})
	if err != nil ||
		len(again) != 1 || again["/x/a.txt"] == nil || again["/x/a.txt"].Source.Title != got["/x/a.txt"].Source.Title {
		t.Fatalf("lookup of the whole table: %v %v", again, err)
	}
	// Fetch reads their events in the same pass and decodes them (the row
	// let go), and Decode returns them.
	if err := c.Fetch([]*Article{again["/x/a.txt"]}); err != nil || again["/x/a.txt"].Events == nil || again["/x/a.txt"].raw != nil || again["/x/a.txt"].c != nil {
		t.Fatalf("fetch: %v", err)
	}
	if evs, err := again["/x/a.txt"].Decode(); err != nil || len(evs) != 1 || evs[0].Mentions[0].Sentence != "زار" {
		t.Errorf("fetched events: %v %v", evs, err)
	}
	a := got["/x/a.txt"]
	if a.Source.Text != "" || a.Source.Title != "عنوان" || a.Source.Hash != "h-/x/a.txt" {
		t.Errorf("source: %+v (the text is never stored)", a.Source)
	}
	evs, err := a.Decode()
	if err != nil || len(evs) != 1 || evs[0].Mentions[0].Sentence != "زار" {
		t.Errorf("events: %v %v", evs, err)
	}
	if b, ok := c.ByHash("h-/x/b.txt"); !ok || len(b.Events) != 1 {
		t.Errorf("by content: %v %v", b, ok)
	}
	tl := []model.Event{{ID: "v-1", Summary: "زيارة", Mentions: []model.Mention{{Source: "a"}}}}
	if err := c.PutTimeline("k1", "", tl, nil); err != nil {
		t.Fatal(err)
	}
	if got, ok := storedEvents(c, "k1"); !ok || len(got) != 1 || got[0].Summary != "زيارة" {
		t.Errorf("timeline: %v %v", got, ok)
	}
	st, err := c.Stats()
	if err != nil || st.Articles != 2 || st.Current != 2 || st.Timelines != 1 {
		t.Errorf("stats: %+v %v", st, err)
	}

	// Another version sees nothing of this one's.
	c2, err := Open(path, "v2", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if got, _ := c2.Lookup([]string{"/x/a.txt"}, []int64{10}, []int64{20}); len(got) != 0 {
		t.Error("an entry of another version was used")
	}
	if _, ok := storedEvents(c2, "k1"); ok {
		t.Error("a timeline of another version was used")
	}
	if _, ok := c2.ByHash("h-/x/a.txt"); ok {
		t.Error("an article of another version was found by content")
	}
	n, err := c2.Prune(func(string) bool { return true })
	if err != nil || n != 0 {
		t.Fatal(n, err)
	}
	if st, _ := c2.Stats(); st.Articles != 0 || st.Timelines != 0 {
		t.Errorf("prune left other versions: %+v", st)
	}
}

func TestCorruptOrForeignCacheIsMadeAgain(t *testing.T) {
	for name, make := range map[string]func(path string){
		"garbage": func(path string) { os.WriteFile(path, []byte(strings.Repeat("not a database ", 500)), 0o600) },
		"foreign": func(path string) {
			db, _ := sql.Open("sqlite", path)
			db.Exec(`CREATE TABLE customers (id INTEGER)`)
			db.Close()
		},
		"old layout": func(path string) {
			db, _ := sql.Open("sqlite", path)
			db.Exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema', 'khatt-cache-0')`)
			db.Close()
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "index.db")
			make(path)
			var warned string
			c, err := Open(path, "v1", func(w string) { warned = w })
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if !strings.Contains(warned, path) || !strings.Contains(warned, ".bad") {
				t.Errorf("warning %q does not name the file and where it went", warned)
			}
			if _, err := os.Stat(path + ".bad"); err != nil {
				t.Errorf("the bad file was not kept aside: %v", err)
			}
			if err := c.Put([]*Article{article("/x/a.txt")}); err != nil {
				t.Errorf("the new cache does not work: %v", err)
			}
		})
	}
}

func TestNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir, "v1", nil); err == nil {
		t.Error("a directory was opened as the cache")
	}
}

// TestConcurrentProcesses: two handles on one file (a server and a reader)
// write and read at once; every read sees whole entries.
func TestConcurrentProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.db")
	a, err := Open(path, "v1", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path, "v1", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var wg sync.WaitGroup
	for w, c := range []*Cache{a, b} {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range 30 {
				key := filepath.Join("/w", string(rune('a'+w)), string(rune('a'+i)))
				if err := c.Put([]*Article{article(key)}); err != nil {
					t.Error(err)
					return
				}
				if err := c.PutTimeline(key, "", []model.Event{{ID: key}}, nil); err != nil {
					t.Error(err)
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range 30 {
				if _, err := c.Stats(); err != nil {
					t.Error(err)
					return
				}
				got, err := c.Lookup([]string{"/w/a/a"}, []int64{10}, []int64{20})
				if err != nil {
					t.Error(err)
					return
				}
				if x := got["/w/a/a"]; x != nil {
					if evs, err := x.Decode(); err != nil || len(evs) != 1 {
						t.Errorf("a torn entry: %v %v", evs, err)
					}
				}
			}
		}()
	}
	wg.Wait()
	if st, _ := a.Stats(); st.Articles != 60 || st.Timelines != MaxTimelines {
		t.Errorf("after both: %+v", st)
	}
}

// TestTimelineFiles: merged timelines are files beside the database; a
// missing one is a miss, never an error; prune sweeps the files no entry
// lists; clear removes them all; only MaxTimelines are kept.
func TestTimelineFiles(t *testing.T) {
	c, path := openTemp(t)
	defer c.Close()
	files := func() []string {
		entries, _ := os.ReadDir(path + ".timelines")
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	for i := range MaxTimelines + 3 {
		if err := c.PutTimeline(fmt.Sprint("k", i), "", []model.Event{{ID: fmt.Sprint(i)}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(files()); n != MaxTimelines {
		t.Errorf("%d timeline files, want %d", n, MaxTimelines)
	}
	last := fmt.Sprint("k", MaxTimelines+2)
	if evs, ok := storedEvents(c, last); !ok || evs[0].ID != fmt.Sprint(MaxTimelines+2) {
		t.Fatalf("the newest timeline: %v %v", evs, ok)
	}
	os.WriteFile(filepath.Join(path+".timelines", "orphan.bin"), []byte("x"), 0o600)
	os.Remove(filepath.Join(path+".timelines", c.timelineFile(last)))
	if _, ok := storedEvents(c, last); ok {
		t.Error("a timeline whose file is gone was found")
	}
	if _, err := c.Prune(func(string) bool { return true }); err != nil {
		t.Fatal(err)
	}
	for _, f := range files() {
		if f == "orphan.bin" {
			t.Error("prune left a file no entry lists")
		}
	}
	if err := c.Clear(); err != nil {
		t.Fatal(err)
	}
	if n := len(files()); n != 0 {
		t.Errorf("clear left %d timeline files", n)
	}
}

// TestPrefetch: a lookup after Prefetch answers as one without it, for
// many keys (the prefetched rows) and for few (the reading is stopped and
// each key asked for); a cache closed before its prefetch is taken closes.
func TestPrefetch(t *testing.T) {
	c, _ := openTemp(t)
	var keys []string
	for i := range 40 {
		keys = append(keys, fmt.Sprintf("/x/%02d.txt", i))
	}
	putArticles(t, c, keys)
	sizes, times := unchanged(keys)
	want, err := c.Lookup(keys, sizes, times)
	if err != nil || len(want) != 40 {
		t.Fatalf("lookup: %d, %v", len(want), err)
	}
	defer func(n int) { smallLookup = n }(smallLookup)
	for _, small := range []int{0, 100} {
		smallLookup = small
		c.Prefetch()
		got, err := c.Lookup(keys[:30], sizes[:30], times[:30])
		if err != nil || len(got) != 30 {
			t.Fatalf("small lookup %d: %d found, %v", small, len(got), err)
		}
		for k, a := range got {
			if a.Source.Title != want[k].Source.Title || a.Hash != want[k].Hash {
				t.Errorf("small lookup %d, %s: %+v", small, k, a)
			}
		}
		if _, ok := c.ByHash(want[keys[35]].Hash); !ok {
			t.Errorf("small lookup %d: the content of an article not looked up is not found", small)
		}
	}
	c.Prefetch()
	if err := c.Close(); err != nil {
		t.Fatalf("close with a prefetch not taken: %v", err)
	}
}

// TestCorporaShareACache: a lookup under one corpus's directory finds its
// articles and reads no other corpus's rows; a file moved in from another
// corpus is still found by its content, whether few files missed or many;
// Fetch reads the events of the wanted articles only.
func TestCorporaShareACache(t *testing.T) {
	c, _ := openTemp(t)
	defer c.Close()
	var all []string
	for _, dir := range []string{"/a", "/a2", "/b"} {
		for i := range 30 {
			all = append(all, fmt.Sprintf("%s/%02d.txt", dir, i))
		}
	}
	putArticles(t, c, all)
	defer func(n int) { smallLookup = n }(smallLookup)
	for _, small := range []int{0, 5} { // few missed, many missed
		smallLookup = 0
		keys := append(slices.Clone(all[:30]), "/a/moved.txt")
		for i := range small { // files new to the cache
			keys = append(keys, fmt.Sprintf("/a/new%d.txt", i))
		}
		sizes, times := unchanged(keys)
		c.Prefetch("/a")
		got, err := c.Lookup(keys, sizes, times)
		if err != nil || len(got) != 30 {
			t.Fatalf("lookup under /a: %d found, %v", len(got), err)
		}
		if len(c.hashes) != 30 || c.complete {
			t.Errorf("the lookup read %d rows (complete %v), want /a's 30 only", len(c.hashes), c.complete)
		}
		smallLookup = small
		if a, ok := c.ByHash("h-/b/07.txt"); !ok || a.Key != "/b/07.txt" {
			t.Errorf("%d new files: content of another corpus not found: %v %v", small, a, ok)
		}
		if _, ok := c.ByHash("h-nowhere"); ok {
			t.Errorf("%d new files: a content no article has was found", small)
		}
		// Without a prefetch the lookup reads between its first and last key.
		smallLookup = 0
		if got, err := c.Lookup(keys[:30], sizes[:30], times[:30]); err != nil || len(got) != 30 || len(c.hashes) != 30 {
			t.Fatalf("lookup by key range: %d found, %d rows read, %v", len(got), len(c.hashes), err)
		}
		var fetched []*Article
		for _, a := range got {
			fetched = append(fetched, a)
		}
		if err := c.Fetch(fetched); err != nil {
			t.Fatal(err)
		}
		for _, a := range fetched {
			if a.Events == nil {
				t.Fatalf("%s: not fetched", a.Key)
			}
		}
	}
}

// storedEvents is the timeline stored under a corpus key, decoded.
func storedEvents(c *Cache, key string) ([]model.Event, bool) {
	st, ok := c.StoredTimeline(key)
	if !ok {
		return nil, false
	}
	evs, err := st.All()
	return evs, err == nil
}

// TestPriorTimeline: the timeline last stored for a place is found by it
// (not by another place, nor another version), with its groups and its
// articles' forms; one stored without groups never is; one whose groups do
// not match its events is not; damaged forms are none.
func TestPriorTimeline(t *testing.T) {
	c, path := openTemp(t)
	defer c.Close()
	evs := []model.Event{{ID: "a"}, {ID: "b"}}
	groups := []merge.Group{{1}, {2}}
	_, per := seedArticles()
	arts := make([]merge.Article, 0, len(per)+1)
	for i, evs := range per {
		arts = append(arts, merge.Article{Known: fmt.Sprint("a", i), Forms: merge.FormsOf(evs)})
	}
	arts = append(arts, merge.Article{Known: "none", Forms: []merge.Form{}}, merge.Article{Known: "unknown"})
	if err := c.PutTimeline("k1", "here", evs, groups); err != nil {
		t.Fatal(err)
	}
	if err := c.PutTimeline("k2", "here", evs[:1], groups[:1]); err != nil {
		t.Fatal(err)
	}
	forms := c.NewForms(nil, 0)
	for _, a := range arts {
		forms.Add(a.Known, a.Forms)
	}
	if err := forms.Keep("k2"); err != nil {
		t.Fatal(err)
	}
	p, ok := c.PriorTimeline("here")
	if !ok || p.Timeline.Total != 1 || len(p.Groups) != 1 || p.Groups[merge.Group{1}] != 0 {
		t.Fatalf("the last timeline of the place: %+v %v", p, ok)
	}
	if len(p.Forms) != len(arts)-1 {
		t.Fatalf("%d articles' forms, want %d (forms not known are left out)", len(p.Forms), len(arts)-1)
	}
	for _, a := range arts[:len(arts)-1] {
		if got := p.Forms[a.Known]; got == nil || !reflect.DeepEqual(got, a.Forms) {
			t.Fatalf("the forms of %s differ", a.Known)
		}
	}
	// Its forms are continued while they hold no more than twice the
	// articles of the corpus, then written anew.
	if f := c.NewForms(p, len(arts)); !f.Continues {
		t.Error("the forms of a corpus of as many articles were not continued")
	} else {
		f.Discard()
	}
	if f := c.NewForms(p, len(arts)/3); f.Continues {
		t.Error("the forms of a corpus of a third the articles were continued")
	} else {
		f.Discard()
	}
	if _, ok := c.PriorTimeline("there"); ok {
		t.Error("a timeline of another place was found")
	}
	if err := c.PutTimeline("k3", "elsewhere", evs, nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.PriorTimeline("elsewhere"); ok {
		t.Error("a timeline stored without its groups was found as a prior one")
	}
	if _, ok := c.PriorTimeline(""); ok {
		t.Error("a timeline of no place was found")
	}
	if err := c.PutTimeline("k4", "x", evs, groups[:1]); err == nil {
		t.Error("a timeline with fewer groups than events was stored")
	}
	c2, err := Open(path, "v2", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if _, ok := c2.PriorTimeline("here"); ok {
		t.Error("a timeline of another version was found as a prior one")
	}
	// Damaged forms: the timeline, without them.
	file := filepath.Join(path+".timelines", c.timelineFile("k2")+formsSuffix)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-3] ^= 1
	os.WriteFile(file, b, 0o600)
	if p, ok := c.PriorTimeline("here"); !ok || p.Forms != nil {
		t.Errorf("with damaged forms: %v, %d forms", ok, len(p.Forms))
	}
	// Groups that do not match the file (a row and a file from different writes).
	if _, err := c.db.Exec(`UPDATE timelines SET groups = ? WHERE key = 'k2'`, encodeGroups(groups)); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.PriorTimeline("here"); ok {
		t.Error("a timeline with more groups than events was taken")
	}
}

// TestFetchForms: the forms of many articles are read in one pass, those
// of one when asked, and equal what the events give; damaged forms are an
// error for that article only.
func TestFetchForms(t *testing.T) {
	c, _ := openTemp(t)
	defer c.Close()
	var keys []string
	var arts []*Article
	for i := range 30 {
		a := article(fmt.Sprintf("/x/%02d.txt", i))
		keys, arts = append(keys, a.Key), append(arts, a)
	}
	if err := c.Put(arts); err != nil {
		t.Fatal(err)
	}
	want := merge.FormsOf(article("/x/00.txt").Events)
	if _, err := c.db.Exec(`UPDATE articles SET forms = x'00' WHERE key = '/x/07.txt'`); err != nil {
		t.Fatal(err)
	}
	defer func(n int) { smallLookup = n }(smallLookup)
	sizes, times := unchanged(keys)
	for _, small := range []int{500, 0} { // asked one by one; read in one pass
		smallLookup = small
		got, err := c.Lookup(keys, sizes, times)
		if err != nil || len(got) != len(keys) {
			t.Fatalf("lookup: %d of %d, %v", len(got), len(keys), err)
		}
		var hits []*Article
		for _, k := range keys {
			hits = append(hits, got[k])
		}
		if err := c.FetchForms(hits); err != nil {
			t.Fatal(err)
		}
		for _, a := range hits {
			fs, err := a.ReadForms()
			if a.Key == "/x/07.txt" {
				if err == nil {
					t.Error("damaged forms were read")
				}
				continue
			}
			if err != nil || !reflect.DeepEqual(fs, want) {
				t.Fatalf("%s (smallLookup %d): %v, equal %v", a.Key, small, err, reflect.DeepEqual(fs, want))
			}
			if evs, err := a.Decode(); err != nil || len(evs) != 1 {
				t.Errorf("%s: its events after its forms: %v %v", a.Key, evs, err)
			}
		}
	}
}

// TestFetchFew: the events of articles scattered through a corpus are
// read by their keys in batches, decoded, and others left unread.
func TestFetchFew(t *testing.T) {
	c, _ := openTemp(t)
	defer c.Close()
	var keys []string
	for i := range 300 {
		keys = append(keys, fmt.Sprintf("/x/%03d.txt", i))
	}
	putArticles(t, c, keys)
	sizes, times := unchanged(keys)
	got, err := c.Lookup(keys, sizes, times)
	if err != nil || len(got) != len(keys) {
		t.Fatalf("lookup: %d of %d, %v", len(got), len(keys), err)
	}
	var few []*Article
	for i := 0; i < len(keys); i += 2 { // 150: two batches
		few = append(few, got[keys[i]])
	}
	if err := c.FetchFew(few); err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		a := got[k]
		if i%2 == 0 && (a.Events == nil || len(a.Events) != 1 || a.c != nil) {
			t.Fatalf("%s: not fetched", k)
		}
		if i%2 == 1 && (a.Events != nil || a.raw != nil) {
			t.Fatalf("%s: fetched, not asked for", k)
		}
	}
}
