package extract

import (
	"math/bits"
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
	// Which bytes of text are quoted, one bit each; a byte's place in the
	// copy is the number of quoted bytes before it (a rank: a running
	// count per 64 bytes and a population count within).
	used := make([]uint64, (len(text)+63)/64)
	quoted := false
	eachString(evs, func(s *string) {
		off, ok := at(*s)
		if !ok {
			return
		}
		quoted = true
		for i, end := off, off+len(*s); i < end; {
			w, b := i/64, uint(i%64)
			n := min(64-int(b), end-i)
			used[w] |= (^uint64(0) >> (64 - uint(n))) << b
			i += n
		}
	})
	if !quoted {
		return
	}
	before := make([]int32, len(used))
	total := 0
	for w, word := range used {
		before[w] = int32(total)
		total += bits.OnesCount64(word)
	}
	buf := make([]byte, 0, total)
	for w, word := range used {
		for word != 0 { // each run of quoted bytes in this word
			lo := bits.TrailingZeros64(word)
			run := bits.TrailingZeros64(^(word >> uint(lo)))
			buf = append(buf, text[w*64+lo:w*64+lo+run]...)
			if lo+run == 64 {
				break
			}
			word &^= ^uint64(0) >> (64 - uint(lo+run))
		}
	}
	kept := unsafe.String(unsafe.SliceData(buf), len(buf))
	eachString(evs, func(s *string) {
		off, ok := at(*s)
		if !ok {
			return
		}
		w, b := off/64, uint(off%64)
		from := int(before[w]) + bits.OnesCount64(used[w]&(1<<b-1))
		*s = kept[from : from+len(*s)]
	})
}

// eachEntity calls fn with every entity of the event: its actors, its
// place, and the members of collectives among them (nested at most four
// deep).
func eachEntity(e *Event, fn func(*Entity)) {
	var walk func(x *Entity, depth int)
	walk = func(x *Entity, depth int) {
		if x == nil || depth > 4 {
			return
		}
		fn(x)
		for _, m := range x.Members {
			walk(m, depth+1)
		}
	}
	for _, a := range e.Actors {
		walk(a, 0)
	}
	walk(e.Place, 0)
}

// eachString calls fn with every string field reachable from evs. An
// entity shared by several events is visited once per event; fn must
// not mind (Detach's rewrites leave a moved string alone).
func eachString(evs []Event, fn func(*string)) {
	entity := func(e *Entity) {
		fn(&e.Name)
		fn(&e.Key)
		fn((*string)(&e.Kind))
		fn(&e.Country)
		if k := e.Known; k != nil {
			// The lexicon's own entry is not in any text and is left as
			// it is; one decoded from a cache row is rewritten.
			fn(&k.Name)
			fn((*string)(&k.Kind))
			fn(&k.StandsFor)
			fn(&k.In)
			fn(&k.Key)
			for i := range k.Latin {
				fn(&k.Latin[i])
			}
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
		eachEntity(e, entity)
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
