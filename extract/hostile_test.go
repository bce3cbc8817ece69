package extract

import (
	"os"
	"strings"
	"testing"

	"khatt/corpus"
)

// A text far longer than any article is read in chunks cut at line or
// word ends, every mention still quoting the text exactly.
func TestHugeTextInChunks(t *testing.T) {
	line := strings.Repeat("وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد اليوم الاثنين، ", 9000) // ~1 MB, one line
	text := "---\npublished: 2024-03-04\n---\n" + line + "\n"
	src, err := corpus.ParseArticle("huge.txt", []byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	for from := src.BodyStart; from < len(src.Text); {
		to := chunkEnd(src.Text, from, ChunkBytes)
		if to-from > ChunkBytes || to <= from {
			t.Fatalf("chunk %d..%d", from, to)
		}
		if to < len(src.Text) && src.Text[to-1] != ' ' && src.Text[to-1] != '\n' {
			t.Fatalf("a chunk ends inside a word at %d", to)
		}
		from = to
	}
	evs := testX.Article(&src)
	if len(evs) == 0 {
		t.Fatal("no events from a text full of them")
	}
	for _, e := range evs {
		for _, m := range e.Mentions {
			if src.Text[m.Start:m.End] != m.Sentence {
				t.Fatalf("a mention %d..%d does not quote the text", m.Start, m.End)
			}
		}
	}
}

// BenchmarkHostileLine is a line of nothing but trigger words: the work
// is linear in the text (sentences cut at a bounded length, clause scans
// done once per sentence).
func BenchmarkHostileLine(b *testing.B) {
	text := "---\npublished: 2024-01-01\n---\n" + strings.Repeat("زار التقى قال أكد زيارة لقاء ", 4000) + "\n"
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		src, _ := corpus.ParseArticle("t.txt", []byte(text), nil)
		testX.Article(&src)
	}
}

// BenchmarkCorpus extracts the articles of a generated corpus on disk
// (KHATT_BENCH_CORPUS=DIR, e.g. written by ../shared/tools/gen-corpus)
// one after the other on one goroutine: the extractor's CPU per article
// on text like a user's, without reading, merging or writing.
func BenchmarkCorpus(b *testing.B) {
	dir := os.Getenv("KHATT_BENCH_CORPUS")
	if dir == "" {
		b.Skip("KHATT_BENCH_CORPUS is not set")
	}
	srcs, _ := corpus.Load([]corpus.Root{{FS: os.DirFS(dir), Path: "."}})
	size := 0
	for i := range srcs {
		size += len(srcs[i].Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range srcs {
			testX.Article(&srcs[i])
		}
	}
}
