package cache

import (
	"testing"

	"khatt/merge"
	"khatt/model"
)

// FuzzDecode: no bytes make the decoders of an article's events, of a
// source or of a stored timeline (whole, a chunk at a time, or an event at
// a time) panic or loop; what a stored timeline's check accepts decodes
// the same event by event as whole.
func FuzzDecode(f *testing.F) {
	srcs, per := seedArticles()
	for i := range srcs[:2] {
		f.Add(encodeArticle(per[i]))
		f.Add(encodeSource(&srcs[i]))
	}
	f.Add(encodeEvents(merge.Events(per)))
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeArticle(b)
		decodeSource(b)
		st, err := splitEvents(b)
		if err != nil {
			return
		}
		all, err := st.All()
		n := 0
		for k := range st.Chunks() {
			if st.Each(k, func(e *model.Event) {
				if err == nil && (n >= len(all) || all[n].ID != e.ID || len(all[n].Mentions) != len(e.Mentions)) {
					t.Fatalf("event %d differs one at a time", n)
				}
				n++
			}) != nil {
				return
			}
		}
	})
}
