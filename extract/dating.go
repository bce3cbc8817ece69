package extract

import (
	"slices"
	"strings"
	"time"

	"khatt/arabic"
	"khatt/dates"
	"khatt/lexicon"
	"khatt/model"
)

// Strengths of date evidence, weakest first. Two mentions that disagree
// are settled by strength; at equal strength the disagreement is a
// conflict.
const (
	none     = iota
	assumed  // undated: the publication day
	context  // from the story around it (the sentence's other clause, the event it is part of)
	approx   // «قبل أيام»، «مؤخرا»، «الأسبوع الماضي», a month or year
	deictic  // today, yesterday, a weekday: the day itself, against publication
	explicit // written in full
)

// evidence is what one mention says about its event's date.
type evidence struct {
	d        model.Date
	strength int
	expr     *dates.Expr
	depart   bool // a departure: the arrival is on or after it
}

// linkedDate is an expression that places the frame against another
// event: «خلال الزيارة»، «قبل الزيارة بأيام».
type linkedDate struct {
	expr dates.Expr
}

// strengthOf grades an expression.
func strengthOf(e *dates.Expr, d model.Date) int {
	switch {
	case !d.Known():
		return none
	case e.Kind == dates.Absolute && d.Precision == model.Day && d.Basis.Kind == model.Written:
		return explicit
	case d.Precision == model.Day && d.Modifier == model.Exact:
		return deictic
	default:
		return approx
	}
}

// dateFrames attaches the time expressions of each sentence to the frames
// of the clause they stand in; a clause without one takes the date of the
// clause it continues (never across a reported-content boundary, so that
// «نفى الوزير اليوم تقارير عن لقاء» does not date the meeting today).
func (d *doc) dateFrames() {
	var byClause []*dates.Expr // each clause's first expression
	var after []*frame         // dated by an expression after its trigger
	for lo := 0; lo < len(d.frames); {
		s, fs, next := d.frameRun(lo)
		lo = next
		byClause = slices.Grow(byClause[:0], len(s.clauses))[:len(s.clauses)]
		clear(byClause)
		after = after[:0]
		var trailing *dates.Expr
		for i := range s.exprs {
			e := &s.exprs[i]
			if e.Bound {
				continue
			}
			if e.Kind == dates.EventLinked {
				c := arabic.Of(s.clauses, e.From)
				for _, f := range fs {
					if f.tr.clause == c && f.linked == nil && f.tr.at != e.Noun {
						f.linked = &linkedDate{expr: *e}
					}
				}
				continue
			}
			c := arabic.Of(s.clauses, e.From)
			if byClause[c] == nil {
				byClause[c] = e
			}
			if e.From > 0 && is(s.Tokens, e.From-1, g.thatsIt) {
				trailing = e // «…، وذلك اليوم الخميس»: the whole sentence's date
			}
		}
		// Each expression dates the trigger it follows in its clause (Arabic
		// puts the time after the verb: «نفى الوزير اليوم تقارير … عن لقاء»
		// is the denial's day, not the meeting's), else the one it precedes.
		for i := range s.exprs {
			e := &s.exprs[i]
			if e.Bound || e.Kind == dates.EventLinked || ownedByLinked(s, fs, e) {
				continue
			}
			c := arabic.Of(s.clauses, e.From)
			var before, next *frame
			for _, f := range fs {
				if f.tr.clause != c {
					continue
				}
				at := bestAt(f)
				if at < e.From && (before == nil || at > bestAt(before)) {
					before = f
				}
				if at >= e.To && (next == nil || at < bestAt(next)) {
					next = f
				}
			}
			switch {
			case before != nil && !slices.Contains(after, before):
				before.date = d.evidenceOf(before, e, explicit)
				after = append(after, before)
			case before == nil && s.clauses[c].Kind == arabic.Relative:
				// «المؤتمر الصحفي الذي عقد الاثنين»: the date of the noun the
				// relative clause describes.
				if a := antecedentFrame(s, fs, c); a != nil && a.date.strength == none {
					a.date = d.evidenceOf(a, e, explicit)
					after = append(after, a)
				}
			case before == nil && next != nil && next.date.strength == none:
				next.date = d.evidenceOf(next, e, explicit)
			}
		}
		for _, f := range fs {
			if f.date.strength != none {
				continue
			}
			// A noun restating the verb of its clause («وصل … في زيارة») shares its date.
			if !f.tr.verb && f.lightAt < 0 && is(f.s.Tokens, f.tr.at-1, g.inWithDuring) || strings.HasPrefix(lastReading(&f.s.Tokens[f.tr.at]).Pre, "ب") {
				for _, o := range fs {
					if o != f && o.tr.clause == f.tr.clause && o.typ == f.typ && o.date.strength != none && o.tr.at < f.tr.at {
						f.date = o.date
						break
					}
				}
				if f.date.strength != none {
					continue
				}
			}
			if trailing != nil {
				f.date = d.evidenceOf(f, trailing, explicit)
				continue
			}
			if f.linked != nil {
				continue // «التقى خلالها»: the event it is placed in dates it, not the clause before
			}
			// The clause this one continues or describes, within the sentence.
			c := f.tr.clause
			for steps := 0; steps < len(s.clauses); steps++ {
				cl := s.clauses[c]
				next := -1
				switch cl.Kind {
				case arabic.Coord, arabic.Adverbial:
					next = cl.Prev
				case arabic.Relative:
					next = cl.Parent
				case arabic.Main:
					// A frame in the main clause may take a date from a
					// coordinated clause right after it that holds no event
					// of its own.
				}
				if next < 0 {
					break
				}
				c = next
				if e := byClause[c]; e != nil {
					ev := d.evidenceOf(f, e, context)
					ev.strength = min(ev.strength, context)
					f.date = ev
					break
				}
			}
			if f.date.strength == none && f.tr.clause == 0 {
				// A date in a later clause that reports no event of its own
				// («وصل الرئيس، …، في زيارة رسمية، اليوم الأحد»).
				for c, e := range byClause { // the first such clause
					if e == nil {
						continue
					}
					if k := s.clauses[c].Kind; c == 0 || k == arabic.Content || k == arabic.Quote || k == arabic.Relative {
						continue // reported content, or a description of some noun
					}
					owned := false
					for _, o := range fs {
						if o.tr.clause == c {
							owned = true
						}
					}
					if !owned {
						ev := d.evidenceOf(f, e, context)
						ev.strength = min(ev.strength, context)
						f.date = ev
						break
					}
				}
			}
		}
	}
}

// ownedByLinked reports whether an expression follows the event noun of
// an event-linked phrase in its clause, with no trigger of ours between:
// in «عشية مؤتمر يفتتح اليوم» today is the conference's.
func ownedByLinked(s *sent, fs []*frame, e *dates.Expr) bool {
	c := arabic.Of(s.clauses, e.From)
	for i := range s.exprs {
		l := &s.exprs[i]
		if l.Kind != dates.EventLinked || l.Noun < 0 || l.To > e.From || arabic.Of(s.clauses, l.From) != c || e.From-l.To > 4 {
			continue
		}
		between := false
		for _, f := range fs {
			if f.tr.at >= l.To && f.tr.at < e.From || f.tr.at == l.Noun {
				between = true // («خلال زيارة الكاظمي لطهران الشهر الماضي»: the noun is ours)
			}
		}
		if !between {
			return true
		}
	}
	return false
}

// antecedentFrame is the frame of the event noun a relative clause
// describes: the noun just before it, past a comma and a few adjectives.
func antecedentFrame(s *sent, fs []*frame, c int) *frame {
	cl := s.clauses[c]
	for _, f := range fs {
		if !f.tr.verb && f.tr.clause == cl.Parent && f.tr.at < cl.From && cl.From-(f.tr.at+f.tr.n) <= 3 {
			return f
		}
	}
	return nil
}

// carrySpeech dates a speaker's words that go on from the sentence before
// («وأعلن بايدن الاثنين … . وأوضح بايدن …») with that sentence's day.
func (d *doc) carrySpeech() {
	for i, f := range d.frames {
		if f.typ != model.Statement || !f.tr.verb || f.date.strength != none || len(f.agents) == 0 {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			p := d.frames[j]
			if p.s == f.s {
				continue
			}
			if p.s.Index < f.s.Index-1 {
				break
			}
			if p.typ == model.Statement && len(p.agents) > 0 && p.agents[0] == f.agents[0] && p.date.strength >= deictic {
				f.date = p.date
				f.date.strength = context
				f.date.d.Basis.Kind = model.Context
				break
			}
		}
	}
}

func bestAt(f *frame) int {
	if f.lightAt >= 0 {
		return f.lightAt
	}
	return f.tr.at
}

// nearestExpr picks the expression of a clause that dates a trigger: the
// first after it (Arabic puts the time after the verb: «وصل الرئيس، اليوم
// الأحد»), else the nearest before it.
func nearestExpr(es []*dates.Expr, at int) *dates.Expr {
	var before *dates.Expr
	for _, e := range es {
		if e.From > at {
			return e
		}
		before = e
	}
	return before
}

// evidenceOf turns an expression into a frame's date evidence, reading a
// bare weekday or month forward for a planned event.
func (d *doc) evidenceOf(f *frame, e *dates.Expr, cap int) evidence {
	dt := e.Resolved(f.status == model.Planned)
	dt.Expr = strings.TrimSpace(d.text[f.s.Tokens[e.From].Start:f.s.Tokens[e.To-1].End])
	if dt.Basis.Kind == model.Written && dt.Basis.Sentence == 0 {
		dt.Basis.Source = d.src.ID
	}
	dt.Basis.Sentence = f.s.Index + 1
	if f.typ == model.Statement && f.status != model.Planned && afterPublication(dt, d.src.Published) {
		// A statement the article reports was made by the time it was
		// published: a later date («خلال الأشهر المقبلة») belongs to what
		// was said, not to the saying.
		return evidence{}
	}
	ev := evidence{d: dt, strength: min(strengthOf(e, dt), cap), expr: e, depart: f.tr.info.Has(lexicon.Depart)}
	if e.Calendar != nil {
		ev.d.TimeOfDay = e.TimeOfDay
	}
	return ev
}

// afterPublication reports whether a date lies wholly after the day of
// publication (both known).
func afterPublication(dt, pub model.Date) bool {
	if !dt.Known() || !pub.Known() {
		return false
	}
	lo := dt.Start
	if !dt.Earliest.IsZero() {
		lo = dt.Earliest
	}
	return lo.After(pub.End)
}

// resolveLinked dates the frames placed against another event («خلال
// الزيارة»، «قبل الزيارة بأيام») from that event's date, once events are
// known.
func (d *doc) resolveLinked(evs []*docEvent) {
	for _, f := range d.frames {
		// «وأعلن بايدن الاثنين … خلال استقباله إياه»: what was said during
		// a meeting dates the meeting when nothing else does.
		if f.linked == nil || f.linked.expr.Rel != dates.During || f.linked.expr.Noun < 0 || f.date.strength < context {
			continue
		}
		for _, o := range d.frames {
			if o.s == f.s && o.tr.at == f.linked.expr.Noun && o.date.strength == none && o.event != nil && o.event.date.strength < approx {
				o.date = f.date
				o.date.strength = context
				o.date.d.Basis.Kind = model.Context
			}
		}
	}
	for _, f := range d.frames {
		if f.linked == nil || f.date.strength >= deictic || f.event == nil {
			continue
		}
		target := d.linkedEvent(f, evs)
		if target != nil && target != f.event && f.linked.expr.Rel == dates.During && target.status == model.Planned && f.status == model.Reported {
			// «زيارة تستمر يومين يلتقي خلالها …»: what happens during a
			// planned visit is planned too.
			f.status = model.Planned
		}
		if target != nil && target != f.event && target.date.strength < approx && f.event.date.strength >= deictic &&
			(f.linked.expr.Rel == dates.AfterIt || f.linked.expr.Rel == dates.BeforeIt) && f.linked.expr.MaxDays > 0 {
			// «ويأتي اللقاء بعد نحو عشرة أشهر من زيارة قام بها الأسد إلى
			// الصين»: the meeting is dated, the visit is not: the visit is
			// that long before it (or after, for «قبل»).
			e := f.linked.expr
			lo, hi := f.event.date.d.Bounds()
			var from, to time.Time
			if e.Rel == dates.AfterIt {
				from, to = lo.AddDate(0, 0, -e.MaxDays), hi.AddDate(0, 0, -e.MinDays)
			} else {
				from, to = lo.AddDate(0, 0, e.MinDays), hi.AddDate(0, 0, e.MaxDays)
			}
			mid := from.Add(to.Sub(from) / 2)
			dt := model.DayOf(mid.Date())
			if to.Sub(from) > 40*24*time.Hour {
				dt = model.MonthOf(mid.Year(), mid.Month())
			}
			dt.Earliest, dt.Latest, dt.Modifier = from, to, model.Approx
			dt.Basis = model.Basis{Kind: model.EventRelative, Source: d.src.ID, Anchor: d.anchor.Pub, Sentence: f.s.Index + 1,
				Event: d.text[f.s.Tokens[f.tr.at].Start:f.s.Tokens[f.tr.at].End]}
			for _, o := range target.frames {
				if o.s == f.s && o.tr.at == e.Noun {
					o.date = evidence{d: dt, strength: context}
				}
			}
			continue
		}
		if target == nil || target == f.event || target.date.strength < approx {
			continue
		}
		e := f.linked.expr
		base := target.date.d
		if !base.Known() {
			continue
		}
		lo, hi := base.Bounds()
		var dt model.Date
		switch e.Rel {
		case dates.During:
			dt = base
			dt.Modifier = base.Modifier
			if target.typ == model.Visit && f.typ == model.Talks && f.event.place == nil && target.place != nil && !f.event.phone {
				// «والتقى شمخاني خلال الزيارة …»: where the visit went.
				f.event.place = target.place
			}
		case dates.BeforeIt, dates.EveOf:
			from, to := lo.AddDate(0, 0, -e.MaxDays), lo.AddDate(0, 0, -e.MinDays)
			dt = model.DayOf(to.Date())
			dt.Earliest, dt.Latest = from, to
			if e.MinDays != e.MaxDays {
				dt.Modifier = model.Approx
			}
		case dates.AfterIt:
			from, to := hi.AddDate(0, 0, e.MinDays), hi.AddDate(0, 0, e.MaxDays)
			dt = model.DayOf(from.Date())
			dt.Earliest, dt.Latest = from, to
			if e.MinDays != e.MaxDays {
				dt.Modifier = model.Approx
			}
		}
		dt.TimeOfDay = ""
		dt.Expr = strings.TrimSpace(d.text[f.s.Tokens[e.From].Start:f.s.Tokens[e.To-1].End])
		// The word that names the event: the noun, or for «خلالها» the
		// trigger of the event it points to.
		ns, noun := f.s, e.Noun
		if noun < 0 {
			ns, noun = target.frames[0].s, target.frames[0].tr.at
		}
		dt.Basis = model.Basis{Kind: model.EventRelative, Source: d.src.ID, Anchor: d.anchor.Pub, Sentence: f.s.Index + 1,
			Event: d.text[ns.Tokens[noun].Start:ns.Tokens[noun].End]}
		f.date = evidence{d: dt, strength: context}
	}
}

// linkedEvent finds the event an event-linked expression names: the event
// of the noun's own frame, else the last event of the noun's type before.
func (d *doc) linkedEvent(f *frame, evs []*docEvent) *docEvent {
	e := f.linked.expr
	if e.Noun < 0 {
		// «خلالها»: the event told last before the pronoun, in this
		// sentence or the one before.
		var best *frame
		for _, o := range d.frames {
			if o.event == nil || o.event == f.event || o.event.dropped || o.s.Index > f.s.Index || o.s.Index < f.s.Index-1 {
				continue
			}
			if o.s == f.s && o.tr.at >= e.From {
				continue
			}
			if best == nil || o.s.Index > best.s.Index || o.s == best.s && o.tr.at > best.tr.at {
				best = o
			}
		}
		if best == nil {
			return nil
		}
		return best.event
	}
	for _, o := range d.frames {
		if o.s == f.s && o.tr.at == e.Noun && o.event != nil && o.event != f.event {
			return o.event
		}
	}
	m, ok := d.x.lx.Triggers.At(f.s.Tokens, e.Noun)
	if !ok {
		return nil
	}
	var best *docEvent
	for _, ev := range evs {
		if ev.typ != m.Val.Type || ev == f.event || ev.dropped {
			continue
		}
		if ev.first() <= f.s.Index || best == nil {
			best = ev
		}
	}
	return best
}

// assumedDate is the date of an event its article does not date: the
// publication day, about (bounds reaching back a week), or for a planned
// event on or after it.
func (d *doc) assumedDate(planned bool) evidence {
	if !d.anchor.Known() {
		return evidence{d: model.Date{Basis: model.Basis{Kind: model.Relative}}, strength: none}
	}
	pub := d.anchor.Pub
	dt := model.DayOf(pub.Date())
	dt.Basis = model.Basis{Kind: model.Assumed, Source: d.src.ID, Anchor: pub}
	if planned {
		dt.Earliest, dt.Latest = pub, pub.AddDate(0, 0, 30)
		dt.Modifier = model.OnOrAfter
	} else {
		dt.Earliest, dt.Latest = pub.AddDate(0, 0, -7), pub
		dt.Modifier = model.Approx
	}
	return evidence{d: dt, strength: assumed}
}
