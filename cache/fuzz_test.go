package cache

import (
	"testing"

	"khatt/corpus"
	"khatt/extract"
	"khatt/lexicon"
	"khatt/model"
	"khatt/seeds"
)

// FuzzDecode: no bytes make the decoders of an article's events, of a
// source or of a stored timeline (whole, a chunk at a time, or an event at
// a time) panic or loop; what a stored timeline's check accepts decodes
// the same event by event as whole.
func FuzzDecode(f *testing.F) {
	srcs, _ := corpus.Load([]corpus.Root{{FS: seeds.FS, Path: "."}})
	x := extract.New(lexicon.Default())
	var per [][]extract.Event
	for i := range srcs[:2] {
		evs := x.Article(&srcs[i])
		per = append(per, evs)
		f.Add(encodeArticle(evs))
		f.Add(encodeSource(&srcs[i]))
	}
	var tl []model.Event
	for _, evs := range per {
		for _, e := range evs {
			tl = append(tl, model.Event{ID: e.Source, Type: e.Type, Date: e.Date, Mentions: e.Mentions, Conflicts: e.Conflicts, Confidence: e.Confidence})
		}
	}
	f.Add(encodeEvents(tl))
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
