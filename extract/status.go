package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"khatt/arabic"
	"khatt/lexicon"
	"khatt/model"
)

// status decides whether the frame reports something that happened, is
// planned, or is alleged; habitual mentions are no event.
func (d *doc) status(f *frame, here []*frame) {
	s, tr := f.s, f.tr
	toks := s.Tokens
	c := s.clauses[tr.clause]
	planned := tr.future
	// A planned marker before the trigger in its clause («يعتزم زيارة»،
	// «من المقرر عقد»), or before the complementizer that opens it («ومن
	// المقرر أن يتوجه»), or an adjective after a noun («زيارة مرتقبة»).
	lo := c.From
	if c.Kind == arabic.Content && c.Marker > 0 {
		lo = max(0, c.Marker-4)
	}
	for k := lo; k < tr.at; k++ {
		// «لا توجد خطط لعقد اجتماع»، «لا يعتزم زيارة»: a negated intention
		// denies what follows it.
		if (d.x.w.intent.Has(&toks[k]) || d.x.lx.Planned.Has(toks, k)) && bareIs(toks, k-1, d.x.w.negation) && !d.crosses(toks, k+1, tr.at) {
			f.skip, f.why = true, "negated"
			return
		}
		if d.x.lx.Planned.Has(toks, k) && !d.crosses(toks, k+1, tr.at) || is(toks, k, g.future) {
			planned = true
		}
	}
	if tr.verb && bareIs(toks, tr.at-1, g.subjunctive) && d.imperfect(toks, tr.at) && !is(toks, tr.at-2, d.x.lx.Set("before")) && !is(toks, tr.at-2, d.x.lx.Set("after")) {
		// «اتفقا على أن يزور بوتين تركيا»، «دعاه إلى أن يزور»: a visit
		// agreed or asked for, not made («قبل أن يغادر» is told as done).
		planned = true
	}
	if c.Kind == arabic.Content && c.Marker > 0 && c.Marker <= tr.at && c.Marker >= 2 {
		if d.x.lx.Planned.Has(toks, c.Marker-2) || d.x.lx.Planned.Has(toks, c.Marker-1) {
			planned = true
		}
	}
	if !tr.verb {
		for k := tr.at + tr.n; k < len(toks) && k <= tr.at+tr.n+2; k++ {
			if d.x.lx.Planned.Has(toks, k) {
				planned = true
			}
			if is(toks, k, d.x.w.alleged) {
				f.status = model.Disputed
			}
		}
		// The carrying verb's tense: «سيجري خلالها محادثات».
		if f.lightAt >= 0 {
			for _, a := range toks[f.lightAt].An {
				if len(a.Pre) > 0 && a.Pre[len(a.Pre)-len("س"):] == "س" {
					planned = true
				}
			}
			if bareIs(toks, f.lightAt-1, d.x.w.negation) {
				f.skip, f.why = true, "negated"
			}
		}
		// A noun in a clause whose verb is future: «سيتوجه … في زيارة».
		for _, o := range s.trigs {
			if o.clause == tr.clause && o.verb && o.future && o.at < tr.at {
				planned = true
			}
		}
		if k := d.lightVerb(s, tr.at, c.From); k >= 0 && is(toks, k-1, g.sawfa) {
			planned = true
		}
	}
	if f.typ == model.Visit && !tr.verb {
		// «دعا الرئيس تبون … لزيارة …»: an invitation is a plan.
		for _, o := range s.trigs {
			if o.at < tr.at && o.at >= c.From && o.verb && isInvite(&toks[o.at]) {
				planned = true
			}
		}
	}
	imperfect := tr.verb && d.imperfect(toks, tr.at) || !tr.verb && f.lightAt >= 0 && d.imperfect(toks, f.lightAt)
	if !planned && imperfect && f.typ != model.Statement && !s.Headline && !d.afterKana(f) && d.anchor.Known() {
		// «وتتوجه الوزيرة الثلاثاء إلى أبوظبي»: the imperfect with a bare
		// weekday is the coming one (news tells what was done in the
		// perfect).
		for i := range s.exprs {
			e := &s.exprs[i]
			verbAt := tr.at
			if !tr.verb {
				verbAt = f.lightAt // «يبدأ … يومي الأربعاء والخميس زيارة»
			}
			if e.From <= verbAt || arabic.Of(s.clauses, e.From) != tr.clause {
				continue
			}
			if e.Future != nil && e.Future.Start.After(d.anchor.Pub) {
				planned = true
			}
			// «يلتقي … منتصف شهر أفريل الجاري»: a time that begins after
			// publication.
			if lo, _ := e.Date.Bounds(); e.Date.Known() && lo.After(d.anchor.Pub) {
				planned = true
			}
		}
	}
	if planned && f.status != model.Disputed {
		f.status = model.Planned
	}
	// Habitual: «يزور عادة»، «زارها عدة مرات».
	if s.habitualClause(d, tr.clause) {
		f.skip, f.why = true, "habitual"
	}
}

// habitualClause reports whether clause c holds a habitual phrase; worked
// out once per sentence, not once per trigger.
func (s *sent) habitualClause(d *doc, c int) bool {
	if s.habitual == nil {
		s.habitual = make([]bool, len(s.clauses))
		for k := range s.Tokens {
			if d.x.w.habitual.Has(s.Tokens, k) {
				s.habitual[arabic.Of(s.clauses, k)] = true
			}
		}
	}
	return c < len(s.habitual) && s.habitual[c]
}

// attribute finds on whose word the frame is told: the speaker of the
// clause it is the content of («قالت مصادر إن …»، «نفى الوزير … تقارير
// … عن لقاء»), or a source named with بحسب/وفق («بحسب بيان الرئاسة»).
func (d *doc) attribute(f *frame, here []*frame) {
	s, tr := f.s, f.tr
	toks := s.Tokens
	// The clause may be a quotation inside reported content («أفاد بيان
	// بأنه “توجه …”»): climb until a clause holds the speech.
	c := tr.clause
	for steps := 0; steps < 4 && f.parent == nil; steps++ {
		ctx, _ := arabic.Context(s.clauses, c)
		if ctx < 0 {
			break
		}
		for i := len(here) - 1; i >= 0; i-- {
			p := here[i]
			if p.typ == model.Statement && p.tr.at < tr.at && (p.tr.clause == ctx || inChain(s.clauses, p.tr.clause, ctx)) {
				f.parent = p
				p.content = append(p.content, f)
				if len(p.agents) > 0 {
					f.speaker = p.agents[0]
				}
				if p.tr.info.Has(lexicon.Deny) && f.typ != model.Statement {
					f.status = model.Disputed
				}
				break
			}
		}
		c = ctx
	}
	if f.parent == nil && f.typ != model.Statement && !tr.verb {
		// «نفى الوزير تقارير عن لقاء …»: an event named as what was denied.
		for i := len(here) - 1; i >= 0; i-- {
			p := here[i]
			if p.typ == model.Statement && p.tr.verb && p.tr.info.Has(lexicon.Deny) && p.tr.at < tr.at &&
				(p.tr.clause == tr.clause || inChain(s.clauses, tr.clause, p.tr.clause)) && tr.at-p.tr.at <= 15 {
				f.parent = p
				p.content = append(p.content, f)
				if len(p.agents) > 0 {
					f.speaker = p.agents[0]
				}
				f.status = model.Disputed
				break
			}
		}
	}
	if f.speaker == nil {
		// «بحسب بيان …»، «وفق ما نقلت …»، «ووفقا لوكالة …»
		for k := 0; k < len(toks); k++ {
			if !d.x.w.according.Has(&toks[k]) || k > tr.at+25 {
				continue
			}
			for _, j := range s.mentionsIn(k+1, min(len(toks), k+5)) {
				f.speaker = s.ments[j].ent
				break
			}
			if f.speaker == nil {
				f.attribution = "institution" // «بحسب البيان»
			}
			break
		}
	}
	if f.speaker != nil {
		f.attribution = attributionOf(f.speaker)
	}
}

// inChain reports whether clause c continues clause anchor through Prev
// links (coordinated clauses of one speaker).
func inChain(cs []arabic.Clause, c, anchor int) bool {
	for steps := 0; c >= 0 && steps < len(cs); steps++ {
		if c == anchor {
			return true
		}
		c = cs[c].Prev
	}
	return false
}

func attributionOf(e *Entity) string {
	switch {
	case e == nil:
		return ""
	case e.Kind == model.Media:
		return "media"
	case e.Unnamed:
		return "unnamed"
	case e.Kind == model.Person:
		return "named"
	}
	return "institution"
}

// span is the byte span of a frame's mention: its clause (a relative
// clause with the name it describes; a statement with the first clause of
// what was said), or the whole line for a headline.
func (d *doc) span(f *frame) (int, int) {
	s := f.s
	if len(s.clauses) == 0 {
		return s.Start, s.End
	}
	c := s.clauses[f.tr.clause]
	start, end := c.Start, c.End
	toks := s.Tokens
	if c.Kind == arabic.Relative && c.From > 0 {
		// «محمد بن زايد، الذي يصل إلى روسيا»: with the name it describes.
		at := c.From
		if punct(toks, at-1, "،,") {
			at--
		}
		if k, ok := s.mentionEndingAt(at); ok {
			start = toks[s.ments[k].from].Start
		}
	}
	if !f.tr.verb && f.tr.clause+1 < len(s.clauses) {
		// «الزيارة الأخيرة التي قام بها بومبيو»: a noun with the relative
		// clause that describes it (and often names its actor).
		if next := s.clauses[f.tr.clause+1]; next.Kind == arabic.Relative && next.Parent == f.tr.clause && next.From-(f.tr.at+f.tr.n) <= 3 {
			end = max(end, next.End)
		}
	}
	if f.typ == model.Statement {
		for k := f.tr.clause + 1; k < len(s.clauses); k++ {
			cc := s.clauses[k]
			if cc.Parent == f.tr.clause && (cc.Kind == arabic.Content || cc.Kind == arabic.Quote) {
				end = cc.End
				// «إن "…"»: the complementiser alone says nothing; take the
				// quotation it opens.
				if k+1 < len(s.clauses) && s.clauses[k+1].Parent == k && s.clauses[k+1].Kind == arabic.Quote && cc.To-cc.From <= 2 {
					end = s.clauses[k+1].End
				}
				break
			}
			if cc.Parent != f.tr.clause && cc.Prev != f.tr.clause {
				break
			}
		}
	}
	// A clause of a few words says too little alone: widen it over the
	// clauses beside it that report no event of its type.
	lo, hi := f.tr.clause, f.tr.clause
	for arabic.Shorter(d.text[start:end], minSpan) {
		switch {
		case lo > 0 && !d.clauseHasType(s, lo-1, f.typ):
			lo--
			start = s.clauses[lo].Start
		case hi+1 < len(s.clauses) && !d.clauseHasType(s, hi+1, f.typ):
			hi++
			end = s.clauses[hi].End
		default:
			return start, end
		}
	}
	return start, end
}

// minSpan is the length (in letters) under which a clause is widened for
// its mention: a reader needs the words around «سيتوجه بوتين إلى الرياض».
const minSpan = 40

// clauseHasType reports whether clause c of s holds a trigger of type t.
func (d *doc) clauseHasType(s *sent, c int, t model.EventType) bool {
	for _, tr := range s.trigs {
		if tr.clause == c && tr.info.Type == t {
			return true
		}
	}
	return false
}

// splitSpans narrows the spans of frames that share a clause with another
// frame of their type: each gets the part of the clause from its own
// phrase («… استقبل الرئيس X، تمهيدا لعقد القمة»: the reception keeps the
// clause up to «تمهيدا», the summit the rest), so that one mention never
// reports two events of a type.
func (d *doc) splitSpans() {
	// A sentence has a handful of frames: lists beat maps.
	var g []*frame
	for lo := 0; lo < len(d.frames); {
		s, run, next := d.frameRun(lo)
		lo = next
		if s.Headline || len(run) < 2 {
			continue
		}
		for a, f := range run {
			first := true // f is the first of its clause and type
			for _, e := range run[:a] {
				if e.tr.clause == f.tr.clause && e.typ == f.typ {
					first = false
					break
				}
			}
			if !first {
				continue
			}
			g = g[:0]
			for _, e := range run[a:] {
				if e.tr.clause == f.tr.clause && e.typ == f.typ {
					g = append(g, e)
				}
			}
			if len(g) < 2 {
				continue
			}
			slices.SortFunc(g, func(a, b *frame) int { return cmp.Compare(bestAt(a), bestAt(b)) })
			starts := make([]int, len(g))
			for i, f := range g {
				starts[i] = s.Tokens[d.phraseStart(f)].Start
			}
			for i, f := range g {
				if i > 0 && starts[i] > f.start {
					f.start = starts[i]
				}
				if i+1 < len(g) && starts[i+1] < f.end && starts[i+1] > f.start {
					f.end = d.trimEnd(starts[i+1])
				}
			}
		}
	}
}

// phraseStart is the first token of the phrase a trigger stands in: its
// carrying verb, and the preposition or purpose word before it.
func (d *doc) phraseStart(f *frame) int {
	toks := f.s.Tokens
	k := bestAt(f)
	for steps := 0; steps < 3 && k > 0; steps++ {
		p := &toks[k-1]
		if p.Kind != arabic.Word || !(is(toks, k-1, g.preps) || d.x.w.purpose.Has(p) || is(toks, k-1, g.purposeWords)) {
			break
		}
		k--
	}
	return k
}

// trimEnd moves a span's end back over spaces and commas before at.
func (d *doc) trimEnd(at int) int {
	for at > 0 && at < len(d.text) && !utf8.RuneStart(d.text[at]) {
		at-- // never inside a rune
	}
	for at > 0 {
		r, n := utf8.DecodeLastRuneInString(d.text[:at])
		if !strings.ContainsRune(" ،,\t", r) {
			break
		}
		at -= n
	}
	return at
}

// afterKana reports whether كان stands before the trigger in its clause
// («كان يزور»: what was going on, not what is to come).
func (d *doc) afterKana(f *frame) bool {
	toks := f.s.Tokens
	for k := f.s.clauses[f.tr.clause].From; k < f.tr.at; k++ {
		if is(toks, k, g.kana) {
			return true
		}
	}
	return false
}
