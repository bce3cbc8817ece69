package timeline

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"khatt/cache"
	"khatt/seeds"
)

func BenchmarkLoadSeeds(b *testing.B) {
	lx := DefaultLexicon()
	b.ReportAllocs()
	for b.Loop() {
		tl := LoadTimeline([]Root{{FS: seeds.FS, Path: "."}}, lx)
		if len(tl.Events) == 0 {
			b.Fatal("no events")
		}
	}
}

// generatedCorpus makes n articles (about 5 KB each) from the seeds, each
// with its own publication date and names, so that merging has real work:
// many events, many actors, most of them distinct.
func generatedCorpus(n int) (fstest.MapFS, int) {
	entries, _ := fs.ReadDir(seeds.FS, ".")
	var bodies []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".txt") {
			data, _ := fs.ReadFile(seeds.FS, e.Name())
			bodies = append(bodies, string(data))
		}
	}
	names := []string{"قاآني", "الكاظمي", "بايدن", "كيربي", "الشمري", "الملا"}
	fsys := fstest.MapFS{}
	size := 0
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		body := bodies[i%len(bodies)]
		// Rename one actor so that blocks differ across articles.
		body = strings.ReplaceAll(body, names[i%len(names)], fmt.Sprintf("%s%d", names[i%len(names)], i%97))
		text := fmt.Sprintf("---\npublished: %s\noutlet: مصدر %d\n---\n%s", start.AddDate(0, 0, i%3000).Format("2006-01-02"), i%50, body)
		fsys[fmt.Sprintf("d%02d/a%05d.txt", i%100, i)] = &fstest.MapFile{Data: []byte(text)}
		size += len(text)
	}
	return fsys, size
}

func BenchmarkCorpus10k(b *testing.B) {
	fsys, size := generatedCorpus(10000)
	lx := DefaultLexicon()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		tl := LoadTimeline([]Root{{FS: fsys, Path: "."}}, lx)
		if len(tl.Sources) != 10000 {
			b.Fatalf("%d sources", len(tl.Sources))
		}
	}
}

// BenchmarkWarmExport writes the jsonl export of a generated corpus on
// disk (KHATT_BENCH_CORPUS) from its timeline stored in the cache, as a
// warm `khatt export` does after listing and looking up the files.
func BenchmarkWarmExport(b *testing.B) {
	dir := os.Getenv("KHATT_BENCH_CORPUS")
	if dir == "" {
		b.Skip("KHATT_BENCH_CORPUS is not set")
	}
	c, err := cache.Open(filepath.Join(b.TempDir(), "index.db"), "bench", nil)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	Load(PathRoots([]string{dir}), LoadOptions{Cache: c})
	tl, s := LoadStream(Scan(PathRoots([]string{dir})), LoadOptions{Cache: c})
	if tl.Events != nil {
		b.Fatal("the timeline was not stored")
	}
	b.ResetTimer()
	for b.Loop() {
		if err := WriteStream(io.Discard, "jsonl", tl, s, Filter{MinConfidence: DefaultMinConfidence}); err != nil {
			b.Fatal(err)
		}
	}
}
