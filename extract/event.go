package extract

import (
	"cmp"
	"fmt"
	"khatt/dates"
	"slices"
	"strings"
	"unicode/utf8"

	"khatt/arabic"
	"khatt/model"
)

// Event is one event as one article reports it: what the merge stage
// joins across articles.
type Event struct {
	Type   model.EventType
	Actors []*Entity // agents first (the visitor, the speaker, the parties), then the others
	Agents int       // how many of Actors are agents
	Place  *Entity
	Date   model.Date
	// Strength grades the date's evidence (see the constants in dating.go):
	// merging prefers the strongest.
	Strength   int
	Depart     bool // dated by a departure, not an arrival
	Status     model.Status
	Phone      bool
	Summit     bool
	Host       bool // a reception
	Sides      int
	Mentions   []model.Mention
	Gist       string   // for a statement: the first words of what was said
	Words      []string // content words of a statement, sorted, each once: to tell statements apart
	Confidence float64
	Source     string
	Conflicts  []model.Conflict
	Anchor     int // byte offset of its first trigger: a stable identity
}

// Article extracts the events of one article. The source's publication
// date is filled in from the text when its metadata gave none.
func (x *Extractor) Article(src *model.Source) []Event {
	var out []Event
	// The word cache holds this article's tokens until its events are out.
	cache := x.caches.Get().(*arabic.Cache)
	defer x.caches.Put(cache)
	sc := x.scratches.Get().(*scratch)
	defer x.scratches.Put(sc)
	// A text far longer than any article (a dump, a hostile file) is read
	// in chunks cut at line ends: each chunk's layers are dropped before
	// the next is read, so memory stays a small multiple of a chunk.
	for from := src.BodyStart; from < len(src.Text); {
		to := chunkEnd(src.Text, from, ChunkBytes)
		part := *src
		part.Text, part.BodyStart = src.Text[:to], from
		d, evs := x.run(&part, cache, sc)
		out = slices.Grow(out, len(evs)) // kept until the merge: no room to spare
		for _, e := range evs {
			if !e.dropped {
				out = append(out, d.output(e))
				forget(&out[len(out)-1])
			}
		}
		if !src.Published.Known() {
			src.Published = part.Published // stated in the text, found in its first chunk
		}
		sc.reset() // the chunk's frames and events are out
		from = to
	}
	return out
}

// forget drops what the event's entities learned of their titles while
// the document was read: it served that document only, and would be
// kept with the event until the merge.
func forget(e *Event) {
	eachEntity(e, func(x *Entity) { x.words = nil })
}

// ChunkBytes is the largest stretch of text read as one document.
const ChunkBytes = 256 << 10

// chunkEnd is where a chunk starting at from ends: the text's end, else
// the last line end (else sentence end, else space) before the limit.
func chunkEnd(text string, from, limit int) int {
	if len(text)-from <= limit {
		return len(text)
	}
	window := text[from : from+limit]
	for _, sep := range []string{"\n", ". ", " "} {
		if i := strings.LastIndex(window, sep); i > limit/2 {
			return from + i + len(sep)
		}
	}
	end := from + limit
	for end > from && !utf8.RuneStart(text[end]) {
		end--
	}
	return end
}

// run takes an article through every stage and returns its events, dated.
func (x *Extractor) run(src *model.Source, cache *arabic.Cache, sc *scratch) (*doc, []*docEvent) {
	d := x.prepare(src, cache, sc)
	d.entities()
	for _, s := range d.sents {
		d.layers(s)
	}
	d.buildFrames()
	d.splitSpans()
	d.dateFrames()
	d.carrySpeech()
	evs := d.corefer()
	evs = append(evs, d.pendingEvents...)
	slices.SortStableFunc(evs, func(a, b *docEvent) int { return cmp.Compare(a.frames[0].start, b.frames[0].start) })
	for _, e := range evs {
		d.dateEvent(e)
	}
	d.resolveLinked(evs)
	for _, e := range evs {
		d.dateEvent(e)
	}
	d.storyContext(evs)
	return d, evs
}

// storyContext places an event its article leaves undated or placeless in
// the story it goes on: «وصل الأمير أمس إلى طهران … وكان في استقباله
// الرئيس … وعقد الزعيمان جلسة مباحثات» is all that day, and talks the
// visitor holds next are held where he went. The story is an event of
// the same status up to two sentences before, sharing an actor and not
// told as earlier («وكان … قد التقيا»), which such an event never
// joins either.
func (d *doc) storyContext(evs []*docEvent) {
	for i, e := range evs {
		if e.status == model.Disputed || e.frames[0].earlier {
			continue
		}
		if e.typ == model.Talks && e.place == nil && !e.phone {
			if p := storyBefore(evs, i, func(p *docEvent) bool {
				return p.typ == model.Visit && p.place != nil && len(p.agents) > 0 && hasEntity(e.agents, p.agents[0])
			}); p != nil {
				e.place = p.place
			}
		}
		if e.date.strength != assumed || d.referenceNoun(e.frames[0]) {
			continue
		}
		if p := storyBefore(evs, i, func(p *docEvent) bool {
			return p.date.strength >= context && p.date.d.Precision == model.Day && sharesActor(e, p)
		}); p != nil {
			dt := p.date.d
			dt.Basis = model.Basis{Kind: model.Context, Source: d.src.ID, Anchor: d.anchor.Pub, Sentence: p.frames[0].s.Index + 1}
			dt.Expr = ""
			e.date = evidence{d: dt, strength: context}
		}
	}
}

// storyBefore is the nearest event told before evs[i], no more than two
// sentences back, of its status and not told as earlier, that fits.
func storyBefore(evs []*docEvent, i int, fits func(*docEvent) bool) *docEvent {
	e := evs[i]
	si := e.frames[0].s.Index
	for j := i - 1; j >= 0; j-- {
		p := evs[j]
		psi := p.frames[0].s.Index
		if psi < si-2 {
			break
		}
		if psi <= si && p.status == e.status && !toldBefore(p) && fits(p) {
			return p
		}
	}
	return nil
}

// referenceNoun reports whether a frame's noun is what another event is
// placed against («بعد نحو عشرة أشهر من زيارة قام بها الأسد إلى الصين»):
// an event of another time, not of the story's day.
func (d *doc) referenceNoun(f *frame) bool {
	for _, e := range f.s.exprs {
		if e.Kind == dates.EventLinked && e.Noun == f.tr.at && e.Rel != dates.During {
			return true
		}
	}
	return false
}

// sharesActor reports whether two events have an actor in common.
func sharesActor(a, b *docEvent) bool {
	for _, x := range a.agents {
		if hasEntity(b.agents, x) || hasEntity(b.others, x) {
			return true
		}
	}
	for _, x := range a.others {
		if hasEntity(b.agents, x) || hasEntity(b.others, x) {
			return true
		}
	}
	return false
}

// toldAsEarlier reports whether a frame's verb is told as before the
// story («وكان الوزيران قد التقيا»): كان then قد before the trigger in
// its clause. Read once, into frame.earlier.
func (d *doc) toldAsEarlier(f *frame) bool {
	toks := f.s.Tokens
	c := f.s.clauses[f.tr.clause]
	kana := false
	for k := c.From; k < f.tr.at; k++ {
		if is(toks, k, g.kana) {
			kana = true
		}
		if kana && is(toks, k, g.qad) {
			return true
		}
	}
	return false
}

// dateEvent gives an event the strongest date its mentions give; for a
// visit an arrival beats a departure; undated events get the assumed date.
func (d *doc) dateEvent(e *docEvent) {
	e.date = evidence{}
	e.dates = e.dates[:0]
	reported, planned, disputed := false, false, false
	for _, f := range e.frames {
		if f.typ == e.typ && !(f.anaphoric && len(f.agents) == 0 && len(e.frames) > 1 && f != e.frames[0]) {
			// (a noun pointing back, «اللقاء»، tells nothing of its status)
			switch f.status {
			case model.Planned:
				planned = true
			case model.Disputed:
				disputed = true
			default:
				reported = true
			}
		}
		ev := f.date
		if ev.strength == none || f.typ != e.typ {
			continue // a folded statement's date is its own
		}
		if f.anaphoric && len(f.agents) == 0 && ev.strength < deictic && len(e.frames) > 1 {
			continue // a noun pointing back dates the event only with a date of its own
		}
		if ev.strength >= deictic {
			e.dates = append(e.dates, ev)
		}
		better := ev.strength > e.date.strength ||
			ev.strength == e.date.strength && e.date.depart && !ev.depart ||
			ev.strength == e.date.strength && ev.d.Precision > e.date.d.Precision
		if better {
			e.date = ev
		}
	}
	switch {
	case disputed:
		e.status = model.Disputed
	case reported:
		e.status = model.Reported
	case planned:
		e.status = model.Planned
	}
	if e.date.strength == none {
		e.date = d.assumedDate(e.status == model.Planned)
	}
	if e.typ == model.Visit && e.date.depart && e.date.d.Precision == model.Day {
		// Dated by a departure: the arrival is that day or soon after.
		lo, _ := e.date.d.Bounds()
		e.date.d.Earliest, e.date.d.Latest = lo, lo.AddDate(0, 0, 1)
		e.date.d.Modifier = model.OnOrAfter
	}
	if d.anchor.Known() && e.date.strength >= approx && e.date.d.Start.After(d.anchor.Pub) && e.status == model.Reported {
		// A reported event dated after publication is announced, not done
		// («يزور … واشنطن منتصف الشهر المقبل»: a month after it too).
		e.status = model.Planned
	}
}

// output turns an article's event into the merge stage's input.
func (d *doc) output(e *docEvent) Event {
	place := e.place
	if e.phone {
		place = nil // a call is held nowhere: «بحث … في اتصال هاتفي التطورات في سوريا»
	}
	out := Event{Type: e.typ, Place: place, Date: e.date.d, Strength: e.date.strength, Depart: e.date.depart,
		Status: e.status, Phone: e.phone, Summit: e.summit, Host: e.host, Sides: e.sides, Source: d.src.ID,
		Anchor: e.frames[0].s.Tokens[e.frames[0].tr.at].Start}
	out.Actors = append(out.Actors, e.agents...)
	out.Agents = len(e.agents)
	for _, o := range e.others {
		if !hasEntity(out.Actors, o) {
			out.Actors = append(out.Actors, o)
		}
	}
	seen := map[[2]int]bool{}
	out.Mentions = make([]model.Mention, 0, len(e.frames))
	for _, f := range e.frames {
		key := [2]int{f.start, f.end}
		if seen[key] {
			continue
		}
		seen[key] = true
		m := model.Mention{Source: d.src.ID, Sentence: d.text[f.start:f.end], Start: f.start, End: f.end,
			Trigger: d.text[f.s.Tokens[f.tr.at].Start:f.s.Tokens[f.tr.at+f.tr.n-1].End], Status: f.status,
			Attribution: f.attribution}
		if f.speaker != nil {
			m.Speaker = f.speaker.Name
		}
		if f.place != nil && !e.phone {
			m.Place = f.place.Name
		}
		if f.date.expr != nil && f.date.expr.Calendar != nil && f.date.expr.Hijri != "" {
			out.Conflicts = append(out.Conflicts, model.Conflict{Field: "calendar",
				A: model.Side{Value: f.date.expr.Hijri + " ← " + f.date.expr.Calendar.String(), Mention: m},
				B: model.Side{Value: f.date.d.String(), Mention: m}})
		}
		out.Mentions = append(out.Mentions, m)
	}
	slices.SortStableFunc(out.Mentions, func(a, b model.Mention) int { return cmp.Compare(a.Start, b.Start) })
	if e.typ == model.Statement {
		out.Gist = d.gist(e)
		out.Words = d.contentWords(e)
	}
	out.Confidence = d.confidence(e)
	return out
}

// confidence grades how sure the extractor is that an article's event is
// real, from 0 to 1. It rises with a verb that names its actor, an own
// date, several mentions, a named source; it falls for an event known
// only from nouns that point back, from unnamed sources or media alone,
// and for a vague plan. The README documents the weights.
func (d *doc) confidence(e *docEvent) float64 {
	c := 0.5
	verb, named, nounOnly, own := false, false, true, false
	unattributed := false
	for _, f := range e.frames {
		if f.typ != e.typ {
			continue
		}
		if f.tr.verb || f.lightAt >= 0 {
			nounOnly = false
		}
		if f.tr.verb && !f.possessive && !f.anaphoric {
			verb = true
		}
		if len(f.agents) > 0 && !f.agents[0].Role && !f.possessive {
			named = true
		}
		if f.attribution == "" || f.attribution == "named" || f.attribution == "institution" {
			unattributed = true
		}
		if f.date.strength >= deictic {
			own = true
		}
	}
	if verb {
		c += 0.2
	}
	if named {
		c += 0.1
	}
	if own {
		c += 0.1
	}
	if len(e.frames) > 1 {
		c += 0.1
	}
	if nounOnly {
		c -= 0.15
	}
	if !unattributed {
		c -= 0.1
	}
	if e.status == model.Planned && e.date.strength < approx {
		c -= 0.2
	}
	if e.typ == model.Statement && len(e.frames) == 1 && len(e.frames[0].content) == 0 && !e.frames[0].tr.verb {
		c -= 0.15
	}
	return clamp(c)
}

func clamp(c float64) float64 {
	switch {
	case c < 0:
		return 0
	case c > 1:
		return 1
	}
	return c
}

// gist is the first words of what a statement said: after the
// complementizer or colon of its first frame, else after the trigger.
func (d *doc) gist(e *docEvent) string {
	f := e.frames[0]
	toks := f.s.Tokens
	start := f.tr.at + f.tr.n
	said := false // what was said starts after a complementiser or a colon
	for k := start; k < len(toks) && k < f.tr.at+f.tr.n+25; k++ {
		if is(toks, k, g.comp) || punct(toks, k, ":") {
			start, said = k+1, true
			break
		}
	}
	if said {
		// «قال المتحدث إن الرئيس السيسي أكد دعم مصر …»: what the one
		// credited said, past his name and his verb.
		if k, ok := f.s.mentionAt(start); ok && hasEntity(e.agents, f.s.ments[k].ent) {
			if m, ok := d.x.lx.Triggers.At(toks, f.s.ments[k].to); ok && m.Val.Type == model.Statement && m.Val.Verb {
				start = f.s.ments[k].to + m.N
				if is(toks, start, g.comp) {
					start++
				}
			}
		}
	}
	if !said && !f.tr.verb {
		// «صدر بيان مشترك عن السعودية وإيران والصين، أعلنت فيه …»: past
		// the issuers named after the noun, and the verb that tells it.
		s := f.s
		last := -1
		for _, m := range s.ments {
			if m.from > f.tr.at && hasEntity(f.agents, m.ent) && m.to > last && m.from < f.tr.at+f.tr.n+25 {
				last = m.to
			}
		}
		if last > 0 {
			start = last
			for k := start; k < len(toks) && k < start+3 && toks[k].Kind == arabic.Word && definite(toks, k); k++ {
				if punct(toks, k+1, "،,") {
					start = k + 1 // «الصين الشعبية،»: the name's adjectives
				}
			}
			for start < len(toks) && punct(toks, start, "،,") {
				start++
			}
			if m, ok := d.x.lx.Triggers.At(toks, start); ok && m.Val.Type == model.Statement && m.Val.Verb {
				start += m.N
				if start < len(toks) && (toks[start].Norm == "فيه" || toks[start].Norm == "فيها") {
					start++
				}
			}
		}
	}
	if !said {
		// «وأعرب الأمين العام … غوتيريش، اليوم، عن قلقه البالغ»: past the
		// speaker, the day and the preposition, what he expressed.
		s := f.s
		for start < len(toks) {
			if k, ok := s.mentionAt(start); ok && (hasEntity(f.agents, s.ments[k].ent) || s.ments[k].ent == f.speaker) {
				start = s.ments[k].to
				continue
			}
			if punct(toks, start, "،,") || toks[start].Kind == arabic.Word && (d.isDateWord(toks, start) || is(toks, start, g.adverbs)) {
				start++
				continue
			}
			if toks[start].Kind == arabic.Word && d.dualTitle(&toks[start]) {
				// «وزيرا خارجية مصر والأردن»: past the office and its countries
				last := -1
				for _, m := range s.ments {
					if m.from > start && m.from <= start+6 && hasEntity(f.agents, m.ent) {
						last = m.to
					}
				}
				if last > 0 {
					start = last
					continue
				}
			}
			if is(toks, start, g.during) || bareIs(toks, start, g.anAlaa) && is(toks, start+1, g.tongue) {
				// «خلال استقباله وفدا من الكونغرس،»: when; «على لسان وزير
				// خارجيتها …،»: through whom; each up to its comma.
				if c := slices.IndexFunc(toks[start:min(len(toks), start+10)], func(t arabic.Token) bool { return t.IsPunct("،,") }); c > 0 {
					start += c + 1
					continue
				}
				// «وأكد الملك خلال المباحثات حرص …»: the meeting it was
				// said at, without a comma.
				n := 0
				if m, ok := d.x.lx.Triggers.At(toks, start+1); ok && !m.Val.Verb {
					n = m.N
				} else if is(toks, start+1, d.x.lx.Set("occasion-nouns")) {
					n = 1
				}
				if n > 0 {
					start += 1 + n
					// and its nisba adjectives: «خلال المؤتمر الصحفي»
					for start < len(toks) && definite(toks, start) && nisba(&toks[start]) {
						start++
					}
					continue
				}
			}
			break
		}
		if start+1 < len(toks) && (bareIs(toks, start, g.anAlaa) || bareIs(toks, start, g.ilaa) || toks[start].Kind == arabic.Word && toks[start].Norm == "ب") {
			start++ // «عن قلقه»، «على ضرورة»، «إلى أهمية»، «بـ"استمرار …"»
		}
	}
	var words []string
	for k := start; k < len(toks) && len(words) < 12; k++ {
		t := &toks[k]
		if t.Kind == arabic.Punct {
			if t.IsPunct(".؟?!") && len(words) > 0 {
				break
			}
			if !t.IsPunct("\"«»“”") && len(words) > 0 {
				words[len(words)-1] += t.Raw
			}
			continue
		}
		words = append(words, t.Raw)
	}
	gist := strings.TrimRight(strings.Join(words, " "), "،,:؛")
	if len(words) == 12 {
		gist += "…"
	}
	return gist
}

// nisba reports whether a word ends as a relative adjective does (-ي،
// -ية): «الصحفي»، «الثنائية».
func nisba(t *arabic.Token) bool {
	w := t.Norm
	return strings.HasSuffix(w, "ي") || strings.HasSuffix(w, "يه")
}

// contentWords returns the folded words of a statement's sentences that
// can tell two statements apart: no names, no triggers, three letters or
// more.
func (d *doc) contentWords(e *docEvent) []string {
	var out []string
	for _, f := range e.frames {
		s := f.s
		in := make([]bool, len(s.Tokens))
		for _, m := range s.ments {
			for k := m.from; k < m.to; k++ {
				in[k] = true
			}
		}
		for _, tr := range s.trigs {
			for k := tr.at; k < tr.at+tr.n; k++ {
				in[k] = true
			}
		}
		for k := range s.Tokens {
			t := &s.Tokens[k]
			if t.Kind != arabic.Word || in[k] || d.isStop(t) || is(s.Tokens, k, g.comp) {
				continue
			}
			w := lastReading(t).Stem
			if arabic.RuneLen(w) >= 3 {
				out = append(out, w)
			}
		}
	}
	slices.Sort(out)
	return slices.Clip(slices.Compact(out))
}

// Debug describes an article's frames, one line each: a tool for lexicon
// and rule work.
func (x *Extractor) Debug(src *model.Source) string {
	d, evs := x.run(src, &arabic.Cache{Classifier: x.lx.Classifier()}, &scratch{})
	var b strings.Builder
	for _, s := range d.sents {
		fmt.Fprintf(&b, "S%d%s %q\n", s.Index, map[bool]string{true: " [headline]", false: ""}[s.Headline], d.text[s.Start:s.End])
		if s.furniture {
			b.WriteString("   furniture\n")
			continue
		}
		for _, m := range s.ments {
			fmt.Fprintf(&b, "   ent %q → %s (%s) prep=%q conj=%v\n", d.text[s.Tokens[m.from].Start:s.Tokens[m.to-1].End], m.ent.Name, m.ent.Kind, m.prep, m.conj)
		}
		for _, c := range s.clauses {
			fmt.Fprintf(&b, "   clause %s p=%d prev=%d %q\n", c.Kind, c.Parent, c.Prev, d.text[c.Start:c.End])
		}
		for _, e := range s.exprs {
			fmt.Fprintf(&b, "   date %q → %s (%s) kind=%d bound=%v\n", d.text[s.Tokens[e.From].Start:s.Tokens[e.To-1].End], e.Date.String(), e.Date.Precision, e.Kind, e.Bound)
		}
	}
	for _, f := range d.frames {
		var ag, ot []string
		for _, a := range f.agents {
			ag = append(ag, a.Name)
		}
		for _, a := range f.others {
			ot = append(ot, a.Name)
		}
		pl := ""
		if f.place != nil {
			pl = f.place.Name
		}
		ev := -1
		for i, e := range evs {
			if e == f.event {
				ev = i
			}
		}
		fmt.Fprintf(&b, "F S%d %s %q verb=%v agents=%v others=%v place=%q status=%s date=%s/%d attr=%s ev=%d meet=%v readout=%v anaph=%v rec=%s\n    %q\n",
			f.s.Index, f.typ, d.text[f.s.Tokens[f.tr.at].Start:f.s.Tokens[f.tr.at+f.tr.n-1].End], f.tr.verb, ag, ot, pl, f.status,
			f.date.d.String(), f.date.strength, f.attribution, ev, f.meeting, f.readout, f.anaphoric, f.reception, d.text[f.start:f.end])
	}
	for i, e := range evs {
		var ag []string
		for _, a := range e.parties() {
			ag = append(ag, a.Name)
		}
		fmt.Fprintf(&b, "E%d %s %v date=%s/%d status=%s frames=%d conf=%.2f\n", i, e.typ, ag, e.date.d.String(), e.date.strength, e.status, len(e.frames), d.confidence(e))
	}
	return b.String()
}
