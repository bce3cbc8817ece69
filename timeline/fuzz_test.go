package timeline

import (
	"testing"

	"khatt/corpus"
	"khatt/model"
	"khatt/seeds"
)

// FuzzParseArticle feeds arbitrary bytes to the loader and the extractor:
// they may refuse an article, never panic, and every mention must still
// quote its source exactly.
func FuzzParseArticle(f *testing.F) {
	entries, _ := seeds.FS.ReadDir(".")
	for _, e := range entries {
		data, _ := seeds.FS.ReadFile(e.Name())
		f.Add(data)
	}
	f.Add([]byte("---\npublished: 2021-07-27\n---\nوصل قاآني إلى بغداد ظهر اليوم الثلاثاء.\n"))
	f.Add([]byte("\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nقال الرئيس «جو بايدن» في 26/7/2021: \"نعم\"."))
	f.Add([]byte("يوم 28 رمضان 1436 هـ الموافق 14 تموز 2015"))
	lx := DefaultLexicon()
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := corpus.ParseArticle("fuzz.txt", data, nil)
		if err != nil {
			return
		}
		for _, e := range Build([]model.Source{src}, lx) {
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > len(src.Text) || m.Start > m.End || src.Text[m.Start:m.End] != m.Sentence {
					t.Fatalf("mention %d:%d does not quote the text", m.Start, m.End)
				}
			}
		}
	})
}

// FuzzParseFilter: the filter line accepts or refuses, never panics, and
// what it accepts matches events without panicking.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"type:visit actor:قاآني place:بغداد", "since:2021-01 until:2021-12", "confidence:40% بحث:زيارة", "نوع:زيارة من:2021", "x:", ":y", "since:2021-13"} {
		f.Add(s)
	}
	tl := LoadTimeline([]Root{{FS: seeds.FS, Path: "."}}, DefaultLexicon())
	f.Fuzz(func(t *testing.T, s string) {
		flt, err := ParseFilter(s)
		if err != nil {
			return
		}
		_ = flt.Apply(tl.Events)
	})
}
