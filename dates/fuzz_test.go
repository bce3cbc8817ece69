package dates

import (
	"testing"
	"time"

	"khatt/arabic"
)

// FuzzTag: any text tags without panicking, and every expression lies
// within the tokens, in order.
func FuzzTag(f *testing.F) {
	for _, s := range []string{"اليوم الأربعاء 26 / 5 / 1447هـ الموافق 17 / 11 / 2025م", "قبل الزيارة بأيام", "من الـ 10 إلى الـ 12 مارس", "11/23/ 2021", "أواخر الشهر الماضي", "يلتقي خلالها"} {
		f.Add(s, "2024-03-06")
	}
	f.Fuzz(func(t *testing.T, text, pub string) {
		if len(text) > 5000 {
			return
		}
		toks := arabic.Tokenize(nil, text, 0, len(text), nil)
		a := Anchor{Source: "f"}
		if p, err := time.Parse("2006-01-02", pub); err == nil {
			a.Pub = p
		}
		last := 0
		for _, e := range tagger.Tag(toks, a, nil) {
			if e.From < last || e.To <= e.From || e.To > len(toks) {
				t.Fatalf("expression %d..%d of %d tokens (after %d)", e.From, e.To, len(toks), last)
			}
			last = e.From
			_ = e.Resolved(true)
		}
	})
}
