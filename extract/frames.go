package extract

import (
	"khatt/arabic"
	"khatt/lexicon"
	"khatt/model"
)

// frame is one event as one clause reports it.
type frame struct {
	s      *sent
	tr     trigger
	typ    model.EventType
	agents []*Entity // who acts: the visitor, the speaker, the parties of talks
	others []*Entity // who else takes part: the host, the guest, the people met
	place  *Entity   // the destination of a visit, the venue of talks
	// reception is "airport" when a reception marks an arrival (a visit of
	// the guest), "palace" when it is held at a palace or office (a meeting).
	reception   string
	host        bool // the frame's agents[0] is the guest, others[0] the host
	status      model.Status
	skip        bool   // negated, habitual, or not an event after all
	why         string // why it was skipped, for debugging
	attribution string // "", "named", "institution", "unnamed", "media"
	speaker     *Entity
	parent      *frame // the speech frame whose content holds this one
	anaphoric   bool   // an event noun pointing back (الزيارة، اللقاء) with no actor of its own
	possessive  bool   // the actor came from a pronoun (زيارته)
	phone       bool
	summit      bool
	sides       int  // 2 for «ثنائية», 3 for «ثلاثية», 0 unknown
	meeting     bool // a statement made inside a meeting
	readout     bool // an institution's report of an event: folded into it
	date        evidence
	start, end  int // byte span of the mention
	event       *docEvent
	content     []*frame // for a speech frame: the events its content reports
	lightAt     int      // the carrying verb of a noun (أجرى زيارة), or -1
	linked      *linkedDate
	// pairOf is the frame «الجانبان»، «الطرفان» took their two from: a
	// frame that goes on telling that frame's event («وبحث الجانبان …»).
	pairOf *frame
	// joiners are the people a noun pointing back says took part («وشارك
	// في الاجتماع كل من X وY»): they join the event it points to.
	joiners []*Entity
	// earlier: told as before the story («وكان … قد التقيا»), read once
	// when the frame is built (toldAsEarlier).
	earlier bool
}

// buildFrames builds a frame for every trigger of every sentence.
func (d *doc) buildFrames() {
	for _, s := range d.sents {
		if s.furniture {
			continue
		}
		var here []*frame
		for _, tr := range s.trigs {
			f := d.frame(s, tr, here)
			if f == nil {
				continue
			}
			here = append(here, f)
			d.frames = append(d.frames, f)
		}
	}
}

// frame builds one frame, or nil when the trigger reports no event.
func (d *doc) frame(s *sent, tr trigger, here []*frame) *frame {
	if tr.negated {
		return nil
	}
	if sidelines(s.Tokens, tr, here) {
		return nil
	}
	f := d.sc.frames.alloc()
	*f = frame{s: s, tr: tr, typ: tr.info.Type, lightAt: -1}
	d.roles(f, here)
	f.earlier = d.toldAsEarlier(f)
	d.status(f, here)
	d.attribute(f, here)
	f.start, f.end = d.span(f)
	if !d.valid(f) {
		return nil
	}
	return f
}

// sidelines reports whether a gathering's noun names where a meeting just
// told was held, not an event of its own: «التقيا على هامش قمة مجموعة
// العشرين»، «… على هامش أعمال القمة».
func sidelines(toks []arabic.Token, tr trigger, here []*frame) bool {
	if tr.verb || tr.info.Type != model.Talks {
		return false
	}
	k := tr.at - 1
	if is(toks, k, g.proceedings) {
		k--
	}
	if !is(toks, k, g.margin) {
		return false
	}
	for _, o := range here {
		if o.typ == model.Talks && o.tr.at < tr.at {
			return true
		}
	}
	return false
}

// roundOf reports whether a tour noun names a round of another event:
// «الجولة الرابعة من المحادثات»، «جولة حوارات أخرى».
func (d *doc) roundOf(f *frame) bool {
	toks := f.s.Tokens
	for k := f.tr.at + f.tr.n; k < len(toks) && k <= f.tr.at+f.tr.n+5; k++ {
		if m, ok := d.x.lx.Triggers.At(toks, k); ok {
			return m.Val.Type == model.Talks && !m.Val.Verb
		}
		if toks[k].Kind != arabic.Word && !punct(toks, k, "،,") || is(toks, k, g.preps) && !is(toks, k, g.from) {
			return false
		}
	}
	return false
}

// mentionsIn returns the indices of the sentence's entity mentions that
// start in tokens [from, to).
func (s *sent) mentionsIn(from, to int) []int {
	var out []int
	for k, m := range s.ments {
		if m.from >= from && m.from < to {
			out = append(out, k)
		}
	}
	return out
}

// mentionEndingAt returns the mention whose last token is end-1.
func (s *sent) mentionEndingAt(end int) (int, bool) {
	for k, m := range s.ments {
		if m.to == end {
			return k, true
		}
	}
	return -1, false
}

// prepBefore reports whether a separate preposition stands right before
// token i, or one is glued to the mention's first word.
func (s *sent) prepBefore(m mention) bool {
	if m.prep != "" {
		return true
	}
	at := m.from - 1
	for k := 0; k < 3 && is(s.Tokens, at, g.styles); k++ {
		at-- // «من فخامة رئيس …»
	}
	return is(s.Tokens, at, g.preps) && !is(s.Tokens, at-1, g.allEach)
}

// subjectOK reports whether a mention can be the agent of a frame of type
// t: no medium, no preposition before it, no bare place for a visit.
func subjectOK(s *sent, m mention, t model.EventType) bool {
	e := m.ent
	if e == nil || e.Kind == model.Media || s.prepBefore(m) {
		return false
	}
	if e.Kind == model.Place && !e.Acts {
		return false
	}
	if t == model.Visit && e.isPlace() {
		return false
	}
	return true
}

// coordinated returns the mention k and those joined to it by و (or a
// comma then و): «الكاظمي وبايدن»، «كل من X، وY».
func (s *sent) coordinated(k int) []int {
	out := []int{k}
	for j := k + 1; j < len(s.ments); j++ {
		prev := s.ments[out[len(out)-1]]
		m := s.ments[j]
		gap := m.from - prev.to
		toks := s.Tokens
		ok := false
		switch {
		case m.from == prev.from && m.to == prev.to:
			ok = true // «الجانبان العراقي والأمريكي»: one phrase, two sides
		case m.conj && gap == 0:
			ok = true
		case m.conj && gap == 1 && punct(toks, prev.to, "،,"):
			ok = true
		case gap == 1 && toks[prev.to].Norm == "و":
			ok = true
		case gap == 2 && punct(toks, prev.to, "،,") && toks[prev.to+1].Norm == "و":
			ok = true
		case gap == 1 && punct(toks, prev.to, "،,") && (m.ent.Kind == prev.ent.Kind) && j+1 < len(s.ments) && s.ments[j+1].conj:
			ok = true // «روسيا، الولايات المتحدة وأوكرانيا»
		}
		if !ok || m.ent.Kind == model.Media || (m.prep != "" && m.prep != s.ments[k].prep) {
			break
		}
		out = append(out, j)
	}
	return out
}

func (s *sent) ents(ks []int) []*Entity {
	var out []*Entity
	for _, k := range ks {
		out = appendEntity(out, s.ments[k].ent)
	}
	return out
}

// frameRun is the run of frames of one sentence that starts at d.frames[lo],
// and where the next run starts: d.frames are in sentence order
// (buildFrames). The run is capped: appending to it copies it.
func (d *doc) frameRun(lo int) (*sent, []*frame, int) {
	s := d.frames[lo].s
	hi := lo + 1
	for hi < len(d.frames) && d.frames[hi].s == s {
		hi++
	}
	return s, d.frames[lo:hi:hi], hi
}

func appendEntity(list []*Entity, e *Entity) []*Entity {
	if e == nil {
		return list
	}
	for _, x := range list {
		if x == e {
			return list
		}
	}
	if list == nil {
		list = make([]*Entity, 0, 4) // an event's parties: a few, grown once
	}
	return append(list, e)
}

// clauseRange is the token range a frame's roles are looked for in: its
// clause, up to the next verb trigger.
func (s *sent) clauseRange(tr trigger) (int, int) {
	c := s.clauses[tr.clause]
	return c.From, c.To
}

// nextVerb returns the first verb trigger after token i in [i, to), or to.
func (s *sent) nextVerb(i, to int) int {
	for _, o := range s.trigs {
		if o.at > i && o.at < to && o.verb {
			return o.at
		}
	}
	return to
}

// dated reports whether a time expression stands in the frame's clause
// after its trigger: «مفاوضات ثلاثية … عُقدت في أبوظبي يومي 23 و24 يناير»
// is known by its place and day.
func dated(f *frame) bool {
	for _, e := range f.s.exprs {
		if e.From > f.tr.at && !e.Bound && e.Kind <= 1 && f.s.clauses[f.tr.clause].From <= e.From && e.From < f.s.clauses[f.tr.clause].To {
			return true
		}
	}
	return false
}

// valid drops frames that report no event: a visit with no visitor or no
// destination, talks with nobody, a statement with no speaker.
func (d *doc) valid(f *frame) bool {
	if f.skip {
		return false
	}
	if f.typ != model.Statement && len(f.agents) > 0 {
		named := false
		for _, a := range f.agents {
			named = named || !a.Unnamed
		}
		if !named {
			return false // «مصدر» travels and meets no one the reader can know
		}
	}
	if len(f.agents) == 0 && !f.anaphoric && !(f.summit && f.place != nil) && !(f.typ == model.Statement && f.readout) &&
		!(f.typ == model.Talks && f.place != nil && dated(f)) {
		return false
	}
	if f.typ == model.Statement && !f.tr.verb {
		for k := max(0, f.tr.at-4); k < f.tr.at; k++ {
			if d.x.w.according.Has(&f.s.Tokens[k]) {
				return false // «حسب بيان الرئاسة»، «حسبما ورد في بيان»: on whose word, not an event
			}
		}
	}
	if f.typ == model.Statement && f.tr.verb && isInvite(&f.s.Tokens[f.tr.at]) {
		// «دعا X نظيره Y إلى زيارة …»: an invitation is the visit's plan,
		// not a statement of its own.
		for _, o := range f.s.trigs {
			if !o.verb && o.at > f.tr.at && o.at-f.tr.at <= 12 && o.info.Type != model.Statement {
				return false
			}
		}
	}
	if f.typ == model.Statement && f.tr.verb && d.x.w.impersonal.Has(&f.s.Tokens[f.tr.at]) {
		return false // «يُذكر أن …»: the writer's background, no one's statement
	}
	if f.typ == model.Statement && f.tr.verb && f.tr.at > 0 {
		// «بيانات ذكرت أن …»: the document before the verb is its subject,
		// and the statement is the document's.
		if m, ok := d.x.lx.Triggers.At(f.s.Tokens, f.tr.at-1); ok && !m.Val.Verb && m.Val.Type == model.Statement && m.N == 1 {
			return false
		}
	}
	if f.typ == model.Statement && !f.tr.verb {
		// «أعلن الإليزيه، في بيان، …»، «وأفاد بيان للمجلس …»: the noun is the
		// verb's own medium or subject, not another statement.
		for _, o := range f.s.trigs {
			if o.verb && o.info.Type == model.Statement && o.clause == f.tr.clause && o.at < f.tr.at && f.tr.at-o.at <= 8 {
				return false
			}
		}
	}
	if f.typ == model.Visit && !f.tr.verb && d.roundOf(f) {
		return false
	}
	info := f.tr.info
	if info.Has(lexicon.NeedsPlace) && f.place == nil && f.reception == "" && !f.anaphoric && f.typ == model.Visit {
		return false
	}
	return true
}
