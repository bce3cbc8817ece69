package extract

import (
	"slices"
	"strings"
	"unsafe"

	"khatt/model"
)

// Detach copies every string of evs that points into text (a mention's
// sentence and trigger, a gist, a date as written, a name found in the
// article) into one new string holding just those stretches, so that the
// article's text is not kept alive by its events. Loading a corpus
// detaches each article's events once they are extracted and drops the
// text: at a hundred thousand articles the texts were a fifth of the
// memory held until the merge, though the events quote a part of each.
// Nothing changes but where the bytes live.
func Detach(evs []Event, text string) {
	if len(evs) == 0 || len(text) == 0 {
		return
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	at := func(s string) (int, bool) { // s's offset in text
		if s == "" {
			return 0, false
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		if p < base || p >= base+uintptr(len(text)) {
			return 0, false
		}
		return int(p - base), true
	}
	// The stretches quoted, joined where they overlap or touch.
	var spans [][2]int
	eachString(evs, func(s *string) {
		if off, ok := at(*s); ok {
			spans = append(spans, [2]int{off, off + len(*s)})
		}
	})
	if len(spans) == 0 {
		return
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	merged := spans[:1]
	for _, sp := range spans[1:] {
		last := &merged[len(merged)-1]
		if sp[0] <= last[1] {
			last[1] = max(last[1], sp[1])
		} else {
			merged = append(merged, sp)
		}
	}
	var b strings.Builder
	size := 0
	for _, sp := range merged {
		size += sp[1] - sp[0]
	}
	b.Grow(size)
	moved := make([]int, len(merged)) // where each stretch starts in the copy
	for i, sp := range merged {
		moved[i] = b.Len()
		b.WriteString(text[sp[0]:sp[1]])
	}
	kept := b.String()
	eachString(evs, func(s *string) {
		off, ok := at(*s)
		if !ok {
			return
		}
		i, _ := slices.BinarySearchFunc(merged, off, func(sp [2]int, off int) int {
			switch {
			case sp[1] <= off:
				return -1
			case sp[0] > off:
				return 1
			}
			return 0
		})
		from := moved[i] + off - merged[i][0]
		*s = kept[from : from+len(*s)]
	})
}

// eachString calls fn with every string field reachable from evs. An
// entity shared by several events is visited once per event; fn must
// not mind (Detach's rewrites leave a moved string alone).
func eachString(evs []Event, fn func(*string)) {
	var entity func(e *Entity, depth int)
	entity = func(e *Entity, depth int) {
		if e == nil || depth > 4 {
			return
		}
		fn(&e.Name)
		fn(&e.Key)
		fn(&e.Country)
		for _, m := range e.Members {
			entity(m, depth+1)
		}
		// e.words is nil once the article is read (forget).
	}
	mention := func(m *model.Mention) {
		fn(&m.Source)
		fn(&m.Sentence)
		fn(&m.Trigger)
		fn(&m.Place)
		fn(&m.Number)
		fn(&m.Attribution)
		fn(&m.Speaker)
	}
	date := func(d *model.Date) {
		fn(&d.TimeOfDay)
		fn(&d.Expr)
		fn(&d.Basis.Source)
		fn(&d.Basis.Event)
	}
	for i := range evs {
		e := &evs[i]
		for _, a := range e.Actors {
			entity(a, 0)
		}
		entity(e.Place, 0)
		date(&e.Date)
		for k := range e.Mentions {
			mention(&e.Mentions[k])
		}
		fn(&e.Gist)
		for k := range e.Words {
			fn(&e.Words[k])
		}
		fn(&e.Source)
		for k := range e.Conflicts {
			c := &e.Conflicts[k]
			fn(&c.Field)
			fn(&c.A.Value)
			fn(&c.B.Value)
			mention(&c.A.Mention)
			mention(&c.B.Mention)
		}
	}
}
