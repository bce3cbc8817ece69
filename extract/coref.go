package extract

import (
	"slices"
	"strings"

	"khatt/arabic"
	"khatt/dates"
	"khatt/lexicon"
	"khatt/model"
)

// docEvent is one event as one article tells it: the frames that report it.
type docEvent struct {
	typ     model.EventType
	frames  []*frame
	agents  []*Entity
	others  []*Entity
	place   *Entity
	phone   bool
	summit  bool
	sides   int
	host    bool // a reception (one side received the other)
	date    evidence
	dates   []evidence // every own date its mentions give, for conflicts
	status  model.Status
	dropped bool
}

func (e *docEvent) first() int { return e.frames[0].s.Index }

// lastMention is the position of the event's last frame, in sentence then
// token order.
func (e *docEvent) lastMention() int {
	last := 0
	for _, f := range e.frames {
		last = max(last, f.s.Index*10000+f.tr.at)
	}
	return last
}

func (e *docEvent) parties() []*Entity {
	if len(e.others) == 0 && distinctEntities(e.agents) {
		return e.agents[:len(e.agents):len(e.agents)] // read it, never change it
	}
	var out []*Entity
	for _, x := range e.agents {
		out = appendEntity(out, x)
	}
	for _, x := range e.others {
		out = appendEntity(out, x)
	}
	return out
}

// corefer joins the frames that report the same event into the article's
// events: restated events, event nouns that point back («الزيارة»،
// «اللقاء»), what a leader says inside a meeting, an institution's readout
// of the event it reports.
func (d *doc) corefer() []*docEvent {
	var evs []*docEvent
	place := func(f *frame) {
		if f.event != nil {
			return
		}
		if p := f.pairOf; p != nil && p.event != nil && p.event.typ == f.typ && !p.event.dropped && f.phone == p.event.phone && !f.earlier {
			// «وبحث الجانبان الاستعدادات لانتخابات … المقررة في ديسمبر»: the
			// two just named, going on about their meeting. A date that
			// cannot be the meeting's is of what they discussed.
			if e := p.event; f.date.strength >= approx && e.date.strength >= approx && !widen(f.date.d, f.typ).Overlaps(widen(e.date.d, e.typ)) {
				f.date = evidence{}
			}
			p.event.add(f)
			return
		}
		if target := d.joinTarget(f, evs); target != nil {
			target.add(f)
			return
		}
		if f.anaphoric && len(f.agents) == 0 && !(f.summit && f.place != nil) {
			return // an event noun that points at nothing told
		}
		if len(f.agents) == 0 && !f.summit && f.typ == model.Talks && len(evs) > 0 && !dated(f) {
			return
		}
		e := d.sc.events.alloc()
		e.typ = f.typ
		e.add(f)
		evs = append(evs, e)
	}
	// Visits and talks first, so that a statement can see the events its
	// content reports before deciding whether it is a readout.
	for _, f := range d.frames {
		if f.typ != model.Statement {
			place(f)
		}
	}
	for _, f := range d.frames {
		if f.typ == model.Statement && d.statementEvent(f, evs) {
			place(f)
		}
	}
	return evs
}

func (e *docEvent) add(f *frame) {
	f.event = e
	e.frames = append(e.frames, f)
	if f.typ != e.typ {
		return // a statement folded into the meeting it was made in
	}
	if len(e.frames) == 1 || f.status == model.Reported {
		e.status = f.status // so far: dateEvent decides in the end
	}
	if f.anaphoric && len(f.agents) == 0 && !f.summit {
		// «ويأتي هذا الاجتماع عقب مفاوضات … في أبوظبي»: a noun pointing back
		// says nothing new of the event (the place and sides around it are
		// another event's).
		if f.date.strength > e.date.strength && f.date.strength >= deictic {
			e.date = f.date
		}
		for _, p := range f.joiners {
			// A minister named for the country that stood for him
			// («وزراء خارجية مصر والأردن والعراق»): the person replaces it.
			if i := slices.IndexFunc(e.agents, func(a *Entity) bool { return a.Kind == model.Country && p.Country != "" && a.Name == p.Country }); i >= 0 {
				e.agents[i] = p
				continue
			}
			e.agents = appendEntity(e.agents, p)
		}
		return
	}
	for _, a := range f.agents {
		e.agents = appendEntity(e.agents, a)
	}
	for _, o := range f.others {
		e.others = appendEntity(e.others, o)
	}
	if e.place == nil || f.place != nil && e.place.Kind == model.Country && f.place.Kind == model.Place && f.place.Country == e.place.Name {
		if f.place != nil {
			e.place = f.place
		}
	}
	// The event's date so far, for comparing the frames that come next.
	if f.date.strength > e.date.strength {
		e.date = f.date
	}
	e.phone = e.phone || f.phone
	e.summit = e.summit || f.summit
	if f.sides > 0 {
		e.sides = f.sides
	}
	e.host = e.host || f.host
}

// statementEvent decides what a statement frame is: false when it makes
// no event of its own (an unnamed source or a medium speaks; what a leader
// says inside a meeting, which joins the meeting; an institution's readout
// of an event, which joins the event it reports).
func (d *doc) statementEvent(f *frame, evs []*docEvent) bool {
	if len(f.agents) == 0 && !f.tr.info.Has(lexicon.Continue) {
		return false
	}
	speaker := (*Entity)(nil)
	if len(f.agents) > 0 {
		speaker = f.agents[0]
	}
	if f.tr.info.Has(lexicon.Continue) {
		// «وأضاف»، «مؤكدا»: the last statement goes on.
		if p := d.lastStatement(f); p != nil {
			if speaker == nil || len(p.agents) > 0 && p.agents[0] == speaker {
				f.agents = p.agents
				if p.event != nil {
					p.event.add(f)
					return false
				}
				if p.meeting || p.readout {
					f.meeting, f.readout = p.meeting, p.readout
				}
			}
		}
		if len(f.agents) == 0 {
			return false
		}
		speaker = f.agents[0]
	}
	if speaker == nil || speaker.Kind == model.Media || speaker.Unnamed {
		return false
	}
	if p := f.parent; p != nil && p.typ == model.Statement && p.event != nil && len(p.agents) > 0 &&
		(p.agents[0] == speaker || speaksFor(p.agents[0], speaker) || f.s.clauses[f.tr.clause].Kind == arabic.Quote) {
		// (and what a quotation says is the speaker's own words: «قولها إن
		// "الاتحاد الأوروبي يعتبر …"» is hers, not the Union's)
		// «قال وزير الخارجية السعودي إن الرياض ترحب …»: his government's
		// word is his own statement.
		if f.s.clauses[f.tr.clause].Kind == arabic.Quote {
			f.agents = p.agents
		}
		p.event.add(f)
		return false
	}
	if p := d.lastStatement(f); p != nil && p.meeting && p.event != nil && f.s.Index-p.s.Index <= 1 && p.s != f.s &&
		len(p.agents) > 0 && p.agents[0] == speaker && !f.tr.info.Has(lexicon.Position) {
		// «… وقال للكاظمي …. وأكد القيادي الإيراني أن …»: he goes on with
		// what he was saying in the meeting.
		f.meeting = true
		p.event.add(f)
		return false
	}
	if p := d.lastStatement(f); p != nil && p.event != nil && p.event.typ == model.Statement && f.s.Index-p.s.Index <= 1 &&
		len(f.agents) >= 2 && sameSet(f.agents, p.agents) {
		// «وأصدر الجانبان … بيانات … كما أكد الجانبان»: the same speakers
		// go on with what they just issued.
		p.event.add(f)
		return false
	}
	if m := d.meetingOf(f, evs); m != nil {
		f.meeting = true
		m.add(f)
		return false
	}
	if t := d.readoutOf(f, evs); t != nil {
		f.readout = true
		t.add(f)
		return false
	}
	if f.readout || f.meeting {
		return false
	}
	return true
}

// lastStatement is the statement frame a continuation carries on: in the
// same sentence, or the sentences just before.
func (d *doc) lastStatement(f *frame) *frame {
	for i := len(d.frames) - 1; i >= 0; i-- {
		p := d.frames[i]
		if p == f || p.s.Index > f.s.Index || p.s == f.s && p.tr.at > f.tr.at {
			continue
		}
		if f.s.Index-p.s.Index > 2 {
			return nil
		}
		if p.typ == model.Statement && !p.tr.info.Has(lexicon.Continue) || p.typ == model.Statement && len(p.agents) > 0 {
			return p
		}
	}
	return nil
}

// meetingOf returns the meeting a statement was made in: «قال … خلال
// اجتماعه مع …»، «أشار … خلال اللقاء»، «شكر بوتين ولي العهد» (speech to
// the other side), or a statement of a participant right after the meeting
// is told, about «هذه الزيارة».
func (d *doc) meetingOf(f *frame, evs []*docEvent) *docEvent {
	s := f.s
	toks := s.Tokens
	speaker := f.agents[0]
	if f.linked != nil && f.linked.expr.Rel != dates.During {
		return nil // «قبل الزيارة بأيام، وصف …»: said before or after, not in it
	}
	// «خلال اللقاء»، «في بداية اللقاء»، «خلال اجتماعه مع»، «في هذا السياق».
	context := false
	for k := 0; k < len(toks); k++ {
		if is(toks, k, g.during) || is(toks, k, g.meetingParts) {
			if m, ok := d.x.lx.Triggers.At(toks, k+1); ok && m.Val.Type == model.Talks && !m.Val.Verb {
				context = true
			}
		}
		if is(toks, k, g.contextNouns) && is(toks, k-1, g.demonstrative) {
			context = true
		}
	}
	// Said to the other side: «قال للكاظمي»، «أبلغ زائره»، «شكر X».
	addressed := f.tr.info.Has(lexicon.PersonObject)
	for k := f.tr.at + f.tr.n; k < len(toks) && k < f.tr.at+f.tr.n+3; k++ {
		if d.x.w.addressee.Has(&toks[k]) {
			addressed = true
		}
		if j, ok := s.mentionAt(k); ok && s.ments[j].prep == "ل" && s.ments[j].ent.Kind == model.Person && s.ments[j].ent != speaker {
			addressed = true // «وقال للكاظمي»
		}
	}
	if !context && !addressed && d.ownOccasion(f) {
		return nil // «وقال في مؤتمر صحفي»: said to the press, a statement of its own
	}
	var target *docEvent
	for i := len(evs) - 1; i >= 0; i-- {
		e := evs[i]
		if e.typ != model.Talks || e.dropped || f.s.Index-e.frames[len(e.frames)-1].s.Index > 3 || e.first() > f.s.Index {
			continue
		}
		if !hasEntity(e.parties(), speaker) {
			continue
		}
		target = e
		break
	}
	if target != nil && context {
		return target
	}
	if target != nil {
		for _, fr := range target.frames {
			if fr.s == s && fr.tr.at < f.tr.at && (fr.typ == model.Talks || fr.meeting) {
				// «وبحث الجانبان المبادرة … وأبدى البرهان ترحيبه بها»، «أن قآني
				// أبلغ الكاظمي …، وأكد الكاظمي أنه سيتابع الأمر»
				return target
			}
		}
	}
	// A meeting told in the same sentence («خلال اجتماعه مع رئيس الدولة»).
	for _, o := range d.frames {
		if o.s == s && o != f && o.typ == model.Talks && o.tr.at > f.tr.at && (context || is(toks, o.tr.at-1, g.during)) && !o.anaphoric &&
			(len(parties(o)) == 0 || hasEntity(parties(o), speaker)) {
			if o.event != nil {
				return o.event
			}
			if len(o.agents) == 0 {
				o.agents = []*Entity{speaker}
			}
			e := d.sc.events.alloc()
			e.typ = model.Talks
			e.add(o)
			// The meeting is created here so the statement can join it; the
			// caller's list learns of it through the frame.
			d.pendingEvents = append(d.pendingEvents, e)
			return e
		}
	}
	if target == nil {
		return nil
	}
	if context || addressed {
		return target
	}
	if len(f.agents) >= 2 && f.tr.verb && subset(f.agents[:2], target.parties()) && f.s.Index-target.frames[len(target.frames)-1].s.Index <= 2 {
		return target // «أكد الجانبان …»: the two sides spoke together, at the meeting
	}
	if f.s.Index-target.frames[len(target.frames)-1].s.Index <= 1 {
		// Right after the meeting, about it: «عبر عن تمنياته أن تكون هذه
		// الزيارة …»، «وأشار إلى أنه تم خلال هذا اللقاء بحث …».
		for k := f.tr.at; k < len(toks); k++ {
			if is(toks, k, g.demonstrative) {
				if m, ok := d.x.lx.Triggers.At(toks, k+1); ok && m.Val.Type != model.Statement {
					return target
				}
			}
		}
		for _, c := range f.content {
			if c.typ == model.Talks && !f.tr.info.Has(lexicon.Position) && c.event == target {
				return target // «وأشار إلى أنه تم خلال هذا اللقاء بحث …»: a report of the meeting
			}
		}
	}
	return nil
}

// ownOccasion reports whether a statement names an occasion of its own
// right after its verb: a press conference, an interview, a speech.
func (d *doc) ownOccasion(f *frame) bool {
	toks := f.s.Tokens
	for k := f.tr.at + f.tr.n; k < len(toks) && k < f.tr.at+f.tr.n+6; k++ {
		if is(toks, k, g.comp) || punct(toks, k, ":") {
			return false
		}
		if d.x.w.occasion.Has(&toks[k]) {
			return true
		}
	}
	return false
}

// readoutOf returns the event an institution's report merely reports:
// «أفاد بيان للمجلس السيادي بأنه توجه صباح اليوم»، «أشار الكرملين إلى أن
// الرئيسين سيركزان …». A report that takes a stand («رحبت»), one by a
// person, one that leads the article (the announcement is its news), or
// one dated on its own day is a statement.
func (d *doc) readoutOf(f *frame, evs []*docEvent) *docEvent {
	speaker := f.agents[0]
	institution := speaker.Kind != model.Person || f.tr.verb == false && f.tr.info.Has(lexicon.Report)
	if !institution || f.tr.info.Has(lexicon.Position) {
		return nil
	}
	announces := false
	for _, c := range f.content {
		if c.status == model.Planned || c.date.strength >= deictic && d.anchor.Known() && c.date.d.Start.After(d.anchor.Pub) {
			announces = true
		}
	}
	if d.leads(f) && f.date.strength < deictic && announces {
		return nil // the announcement of what is to come is the article's news
	}
	// What the report tells: an event in its content, or the event of the
	// sentence it is attached to («بحسب بيان …»).
	var target *docEvent
	for _, c := range f.content {
		if c.typ != model.Statement {
			if c.event != nil {
				target = c.event
			}
			break
		}
	}
	if target == nil && len(f.content) == 0 {
		// «أشار الكرملين إلى أن الرئيسين سيركزان …»: what the two will do at
		// the meeting just told is the meeting's agenda.
		toks := f.s.Tokens
		for k := f.tr.at + f.tr.n; k < len(toks) && k < f.tr.at+8; k++ {
			if is(toks, k, d.x.w.dual) {
				for i := len(evs) - 1; i >= 0; i-- {
					if evs[i].typ == model.Talks && !evs[i].dropped && evs[i].first() <= f.s.Index && f.s.Index-evs[i].first() <= 3 {
						return evs[i]
					}
				}
			}
		}
	}
	if target == nil {
		return nil // it reports a position, not an event
	}
	if f.date.strength >= deictic && target.date.strength >= approx && !f.date.d.Overlaps(target.date.d) {
		return nil // announced on a day of its own («أعلن اليوم … الشهر المقبل»)
	}
	return target
}

// leads reports whether a frame stands in the article's lead: its headline
// or first body sentences, where an announcement is the news itself.
func (d *doc) leads(f *frame) bool {
	body := 0
	for _, s := range d.sents {
		if s == f.s {
			return body <= 1 || s.Headline && body <= 2
		}
		if !s.furniture && !s.Headline {
			body++
		}
	}
	return false
}

func hasEntity(list []*Entity, e *Entity) bool {
	for _, x := range list {
		if x == e {
			return true
		}
		for _, m := range x.Members {
			if m == e {
				return true
			}
		}
	}
	return false
}

// toldBefore reports whether an event is told as before the story (كان …
// قد) in one of its frames.
func toldBefore(e *docEvent) bool {
	for _, o := range e.frames {
		if o.earlier {
			return true
		}
	}
	return false
}

// joinTarget finds the event a frame restates, or nil.
func (d *doc) joinTarget(f *frame, evs []*docEvent) *docEvent {
	if f.anaphoric && len(f.agents) == 0 {
		// A noun pointing back means the event told last, and one of the
		// story before one told as earlier («وكان الرئيسان قد التقيا … .
		// وأوضح البيان أن اللقاء سيتناول …» is the coming meeting).
		earlier := f.earlier
		for _, story := range []bool{!earlier, false} {
			var best *docEvent
			for _, e := range evs {
				if !e.dropped && e.typ == f.typ && d.nounFits(f, e) && !(story && toldBefore(e)) && (best == nil || e.lastMention() >= best.lastMention()) {
					best = e
				}
			}
			if best != nil || !story {
				return best
			}
		}
		return nil
	}
	// An event told as done before one told as planned: «وأثارت زيارة
	// قاآني» is the visit made, not the trip he is to make next.
	for _, sameStatus := range []bool{true, false} {
		for i := len(evs) - 1; i >= 0; i-- {
			e := evs[i]
			if e.dropped || e.typ != f.typ || sameStatus && (e.status == model.Planned) != (f.status == model.Planned) {
				continue
			}
			if d.compatible(f, e) {
				return e
			}
		}
	}
	return nil
}

// callOf reports whether f is the call a verb of e's in its sentence was
// held in: «بحث أردوغان مع بوتين، في اتصال هاتفي، التطورات».
func callOf(f *frame, e *docEvent) bool {
	if !f.phone || f.tr.verb || !is(f.s.Tokens, f.tr.at-1, g.inDuring) {
		return false
	}
	for _, o := range e.frames {
		if o.s == f.s && o.tr.verb && o.tr.at < f.tr.at {
			return true
		}
	}
	return false
}

// nounFits reports whether an event noun with no actor can point at e:
// the same kind of event (a summit is not a phone call).
func (d *doc) nounFits(f *frame, e *docEvent) bool {
	if f.phone != e.phone {
		return false
	}
	if f.place != nil && e.place != nil && !samePlace(f.place, e.place) {
		return false
	}
	if f.summit && !e.summit && len(e.parties()) < 3 {
		return false
	}
	return true
}

// compatible reports whether a frame can report the same event as e: the
// same actors (talks: the same parties, or some of them), places in one
// country, dates that can meet, the same mode (a call is not a meeting).
func (d *doc) compatible(f *frame, e *docEvent) bool {
	if f.phone != e.phone && !callOf(f, e) {
		return false
	}
	if f.date.strength >= approx && e.date.strength >= approx && !widen(f.date.d, f.typ).Overlaps(widen(e.date.d, e.typ)) {
		return false // «في آب الماضي» is another meeting than «اليوم»
	}
	if f.place != nil && e.place != nil && !samePlace(f.place, e.place) &&
		!(f.typ == model.Visit && placeCountry(f.place) != "" && placeCountry(f.place) == placeCountry(e.place)) {
		// Two cities are two meetings; for a trip they are its legs
		// («وصل إلى النجف صباح الثلاثاء … وصل مساء الثلاثاء إلى بغداد»).
		return false
	}
	if e.status == model.Planned && f.earlier {
		return false // what had happened is not what is to happen
	}
	if f.typ == model.Talks && f.date.strength < approx && f.earlier && !toldBefore(e) {
		// «وكان الرئيس قد التقى ولي العهد في باريس»: a meeting told as
		// before the story is another one, unless a date of its own
		// says otherwise.
		return false
	}
	switch f.typ {
	case model.Visit:
		return overlaps(f.agents, e.agents)
	case model.Statement:
		if len(f.agents) == 0 || len(e.agents) == 0 {
			return false
		}
		a, b := f.agents[0], e.agents[0]
		if a == b {
			return true
		}
		// A headline's «الرياض تنفي» and the body's minister who denies:
		// the government speaks through its official.
		return (f.s.Headline || e.frames[0].s.Headline) && speaksFor(a, b)
	}
	// Talks.
	fp, ep := parties(f), e.parties()
	if f.summit && e.summit && f.place != nil && e.place != nil && samePlace(f.place, e.place) {
		return true // one summit, whoever each mention names
	}
	if f.summit && e.summit && (len(fp) == 0 || len(ep) == 0) && (f.place == nil || e.place == nil || samePlace(f.place, e.place)) {
		return true
	}
	if f.summit != e.summit && bilateral(f.summit, fp, ep) {
		return false // a meeting of two on a summit's sidelines is not the summit
	}
	if purposeOf(f, e) {
		return true // «استقبال … للقاء رئيس الوزراء»: the purpose is the same meeting
	}
	if !overlaps(fp, ep) {
		return false
	}
	if f.sides > 0 && e.sides > 0 && f.sides != e.sides {
		return false
	}
	if f.sides == 2 && len(ep) > 2 || e.sides == 2 && len(fp) > 2 {
		return false
	}
	if f.summit != e.summit && (f.host || e.host) {
		return false // a reception at the palace is not the summit
	}
	if f.host && e.host && len(fp) >= 2 && len(ep) >= 2 && !sameSet(fp, ep) {
		return false
	}
	if len(fp) >= 2 && len(ep) >= 2 && !subset(fp, ep) && !subset(ep, fp) {
		return false
	}
	return true
}

// bilateral reports whether the non-summit side of a pair has two people
// and the summit side more.
func bilateral(fSummit bool, fp, ep []*Entity) bool {
	if fSummit {
		fp, ep = ep, fp
	}
	return people(fp) == 2 && len(ep) >= 3
}

func people(es []*Entity) int {
	n := 0
	for _, e := range es {
		if e.Kind == model.Person {
			n++
		}
	}
	return n
}

// purposeOf reports whether a frame is the purpose of a frame of e in the
// same sentence, or e's frame the purpose of it: a noun with a glued ل
// («للقاء»، «لبحث») right after the other's clause.
func purposeOf(f *frame, e *docEvent) bool {
	for _, o := range e.frames {
		if o.s != f.s || o.typ != f.typ {
			continue
		}
		a, b := o, f
		if b.tr.at < a.tr.at {
			a, b = b, a
		}
		if !b.tr.verb && b.tr.at-a.tr.at <= 25 && strings.HasPrefix(lastReading(&b.s.Tokens[b.tr.at]).Pre, "ل") {
			return true
		}
	}
	return false
}

// speaksFor reports whether one speaker is a government or institution and
// the other a person serving it.
func speaksFor(a, b *Entity) bool {
	if a.Kind == model.Person {
		a, b = b, a
	}
	if b.Kind != model.Person || a.Kind == model.Person || b.Country == "" {
		return false
	}
	return a.Country == b.Country || a.Kind == model.Country && a.Name == b.Country
}

func widen(d model.Date, t model.EventType) model.Date {
	if t != model.Visit {
		return d
	}
	lo, hi := d.Bounds()
	d.Earliest, d.Latest = lo.AddDate(0, 0, -1), hi.AddDate(0, 0, 1)
	return d
}

// samePlace reports whether two places can be where one event was: the
// same place, or a country and a place in it. Two different cities are
// two events (a trip to Washington is not a trip to New York).
func samePlace(a, b *Entity) bool {
	if a == b || a.Key == b.Key {
		return true
	}
	if a.Kind == model.Place && b.Kind == model.Place {
		return false
	}
	ca, cb := placeCountry(a), placeCountry(b)
	return ca != "" && ca == cb
}

func placeCountry(e *Entity) string {
	if e.Kind == model.Country {
		return e.Name
	}
	return e.Country
}

func overlaps(a, b []*Entity) bool {
	for _, x := range a {
		if hasEntity(b, x) {
			return true
		}
		for _, m := range x.Members {
			if hasEntity(b, m) {
				return true
			}
		}
	}
	return false
}

func subset(a, b []*Entity) bool {
	for _, x := range a {
		if !hasEntity(b, x) {
			return false
		}
	}
	return true
}

func sameSet(a, b []*Entity) bool { return subset(a, b) && subset(b, a) }

var _ = arabic.Main
