package timeline

import (
	"bytes"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"khatt/cache"
	"khatt/i18n"
	"khatt/model"
	"khatt/seeds"
)

// copySeeds writes the seed articles into a directory on disk.
func copySeeds(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	entries, _ := fs.ReadDir(seeds.FS, ".")
	for _, e := range entries {
		data, _ := fs.ReadFile(seeds.FS, e.Name())
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// testCache opens an empty cache, closed when the test ends.
func testCache(t *testing.T) *cache.Cache {
	t.Helper()
	c, err := cache.Open(filepath.Join(t.TempDir(), "index.db"), "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func exportOf(t *testing.T, dir string, c *cache.Cache, progress func(Progress)) (string, *model.Timeline) {
	t.Helper()
	tl := Load(PathRoots([]string{dir}), LoadOptions{Cache: c, Progress: progress})
	var b bytes.Buffer
	if err := Write(&b, "json", tl, tl.Events, i18n.Arabic); err != nil {
		t.Fatal(err)
	}
	return b.String(), tl
}

// TestCacheGivesTheSameTimeline: a cold load, a warm one and one with an
// article changed give what a load without the cache gives; only the
// changed article is read again; a file touched but not changed is not
// extracted again; the text of a source is read from its file when shown.
func TestCacheGivesTheSameTimeline(t *testing.T) {
	dir := copySeeds(t)
	c := testCache(t)
	plain, _ := exportOf(t, dir, nil, nil)
	cold, _ := exportOf(t, dir, c, nil)
	var last Progress
	warm, tl := exportOf(t, dir, c, func(p Progress) { last = p })
	if cold != plain || warm != plain {
		t.Fatalf("cached loads differ from a plain one (cold %v, warm %v)", cold == plain, warm == plain)
	}
	if last.Phase != "done" || last.Cached != last.Total || last.Total != 5 {
		t.Errorf("warm load: %+v, want all 5 from the cache", last)
	}
	if tl.Sources[0].Text != "" {
		t.Error("the text of an article on disk was kept in memory")
	}
	text, err := tl.SourceText(&tl.Sources[0])
	if err != nil || !strings.Contains(text, tl.Sources[0].Title[:10]) {
		t.Errorf("the text read again: %v, %.80q", err, text)
	}

	// One article changed: only it is read again, and the timeline is the
	// one a plain load gives.
	const id = "002_47b55d47341a47b0"
	name := filepath.Join(dir, id+".txt")
	data, _ := os.ReadFile(name)
	changed := strings.Replace(string(data), "قاآني", "قآني", 1)
	os.WriteFile(name, []byte(changed), 0o600)
	plain2, _ := exportOf(t, dir, nil, nil)
	again, tl2 := exportOf(t, dir, c, func(p Progress) { last = p })
	if again != plain2 {
		t.Error("after a change the cached load differs from a plain one")
	}
	if last.Cached != 4 {
		t.Errorf("after one change: %d of 5 from the cache, want 4", last.Cached)
	}
	// The text of the old version is not shown for the new: the hash tells.
	src := tl.Source(id)
	if _, err := tl.SourceText(src); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Errorf("a changed file's text was shown for the old offsets: %v", err)
	}
	if _, err := tl2.SourceText(tl2.Source(id)); err != nil {
		t.Errorf("the new text: %v", err)
	}

	// Touched, not changed: found by its content.
	future := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(dir, "003_9a49e5548d0631c2.txt"), future, future)
	touched, _ := exportOf(t, dir, c, func(p Progress) { last = p })
	if touched != plain2 {
		t.Error("a touched file changed the timeline")
	}
	st, _ := c.Stats()
	if st.Articles != 5 {
		t.Errorf("%d articles in the cache, want 5 (entries replaced, not added)", st.Articles)
	}

	// Changes one after another, each merged again from the timeline
	// before it (and the corpus's forms it continues).
	for i, id := range []string{"000_086d0931ed3a5e4c", "004_e78b460b308c2ca4", "000_086d0931ed3a5e4c"} {
		name := filepath.Join(dir, id+".txt")
		data, _ := os.ReadFile(name)
		os.WriteFile(name, append(data, fmt.Sprintf("\nوقال المتحدث إن المحادثات ستستأنف بعد %d أيام.\n", i+2)...), 0o600)
		plain, _ := exportOf(t, dir, nil, nil)
		if got, _ := exportOf(t, dir, c, nil); got != plain {
			t.Fatalf("change %d: the cached load differs from a plain one", i+1)
		}
	}
}

// TestEventsFromEveryInputFormat: the fixtures' web page, dump and feeds
// give their events, each citing the article it came from.
func TestEventsFromEveryInputFormat(t *testing.T) {
	tl := Load([]Root{{FS: os.DirFS("../corpus/testdata/formats"), Path: "."}}, LoadOptions{KeepText: true})
	found := map[string]bool{}
	for _, e := range tl.Events {
		for _, m := range e.Mentions {
			src := tl.Source(m.Source)
			if src == nil || !strings.Contains(src.Text[m.Start:m.End], m.Trigger) && m.Trigger != "" {
				t.Errorf("%s: a mention that is not in its source's text", e.Summary)
				continue
			}
			found[e.Type.String()+" "+src.Path] = true
		}
	}
	for _, want := range []string{"visit page.html", "talks page.html", "statement page.html", "visit dump.jsonl:1",
		"talks dump.jsonl:4", "talks feed.rss#1", "statement feed.atom#1"} {
		if !found[want] {
			t.Errorf("no %s; found %v", want, found)
		}
	}
}

// TestPartialTimelines: while articles are extracted, the events of those
// ready are given as they come; each snapshot's events cite only its
// sources, and the snapshots grow.
func TestPartialTimelines(t *testing.T) {
	var snaps []*model.Timeline
	tl := Load(PathRoots([]string{"../seeds"}), LoadOptions{PartialEvery: time.Microsecond,
		Partial: func(p *model.Timeline) { snaps = append(snaps, p) }})
	if len(tl.Events) == 0 {
		t.Fatal("no events")
	}
	if len(snaps) == 0 {
		t.Fatal("no partial timeline while five articles were extracted (ticking every microsecond)")
	}
	last := 0
	for _, s := range snaps {
		if len(s.Sources) < last {
			t.Errorf("a snapshot shrank: %d sources after %d", len(s.Sources), last)
		}
		last = len(s.Sources)
		for _, e := range s.Events {
			for _, m := range e.Mentions {
				if s.Source(m.Source) == nil {
					t.Errorf("%s cites %s, not in its snapshot", e.Summary, m.Source)
				}
			}
		}
	}
}

// TestLaterWritesTheCacheWhileTheTimelineIsUsed: with Later, Load returns
// before the merged timeline is written; the job, run beside an export of
// the timeline, writes it, and the next load finds it.
func TestLaterWritesTheCacheWhileTheTimelineIsUsed(t *testing.T) {
	dir := copySeeds(t)
	c := testCache(t)
	plain, _ := exportOf(t, dir, nil, nil)
	var jobs []func() error
	tl := Load(PathRoots([]string{dir}), LoadOptions{Cache: c, Later: func(job func() error) { jobs = append(jobs, job) }})
	if len(jobs) != 1 {
		t.Fatalf("%d jobs handed to Later, want 1", len(jobs))
	}
	done := make(chan error)
	go func() { done <- jobs[0]() }()
	var b bytes.Buffer
	if err := Write(&b, "json", tl, tl.Events, i18n.Arabic); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if b.String() != plain {
		t.Fatal("the timeline differs from a load without the cache")
	}
	var phases []string
	warm, _ := exportOf(t, dir, c, func(p Progress) { phases = append(phases, p.Phase) })
	if warm != plain || slices.Contains(phases, "merge") {
		t.Fatalf("the next load did not use the merged timeline written later (phases %v)", phases)
	}
}

// TestVersionIsTheBuildID: the program's version comes from the build ID
// the go command writes (not from hashing the executable), and a file
// without one gives none.
func TestVersionIsTheBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	if id := goBuildID(exe); len(id) != len("go-")+16 {
		t.Errorf("the test binary's build ID: %q", id)
	}
	if id := goBuildID("load_test.go"); id != "" {
		t.Errorf("a Go source file's build ID: %q", id)
	}
}

// TestChangedCorpusWithDamagedRows: a corpus merged again from its prior
// timeline, one article changed, whose other articles' events the cache
// can no longer read (their rows damaged, or the packs that hold them cut
// short): they are extracted again and the timeline is the one a plain
// load gives.
func TestChangedCorpusWithDamagedRows(t *testing.T) {
	for _, damage := range []struct {
		name string
		do   func(t *testing.T, path string)
	}{
		{"rows", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`UPDATE articles SET events = x'00'`); err != nil {
				t.Fatal(err)
			}
		}},
		{"packs", func(t *testing.T, path string) {
			packs, _ := filepath.Glob(path + ".packs/*.pack")
			if len(packs) == 0 {
				t.Fatal("no packs")
			}
			for _, p := range packs {
				os.Truncate(p, 100)
			}
		}},
	} {
		t.Run(damage.name, func(t *testing.T) {
			dir := copySeeds(t)
			path := filepath.Join(t.TempDir(), "index.db")
			c, err := cache.Open(path, "test", nil)
			if err != nil {
				t.Fatal(err)
			}
			if cold, _ := exportOf(t, dir, c, nil); cold == "" {
				t.Fatal("no timeline")
			}
			c.Close()
			damage.do(t, path)
			if c, err = cache.Open(path, "test", nil); err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			name := filepath.Join(dir, "002_47b55d47341a47b0.txt")
			data, _ := os.ReadFile(name)
			os.WriteFile(name, []byte(strings.Replace(string(data), "قاآني", "قآني", 1)), 0o600)
			plain, _ := exportOf(t, dir, nil, nil)
			if got, _ := exportOf(t, dir, c, nil); got != plain {
				t.Errorf("with damaged %s, the timeline merged again differs from a plain one:\n%.3000s\n---\n%.3000s", damage.name, got, plain)
			}
		})
	}
}
