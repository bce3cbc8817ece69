package extract

import (
	"khatt/dates"
	"slices"
	"strings"

	"khatt/arabic"
	"khatt/lexicon"
	"khatt/model"
)

// roles finds who acts, who else takes part, and where.
func (d *doc) roles(f *frame, here []*frame) {
	s, tr := f.s, f.tr
	toks := s.Tokens
	from, to := s.clauseRange(tr)
	info := tr.info
	f.phone = info.Has(lexicon.Phone)
	if !f.phone && f.typ == model.Talks && tr.verb {
		// «وبحث سموه وفخامته خلال الاتصال …»: talks held in a call are
		// the call.
		for k := tr.at + tr.n; k+1 < to && k < tr.at+tr.n+8; k++ {
			if is(toks, k, g.inDuring) {
				if m, ok := d.x.lx.Triggers.At(toks, k+1); ok && m.Val.Has(lexicon.Phone) {
					f.phone = true
				}
			}
		}
	}
	f.summit = info.Has(lexicon.Summit)
	f.sides = sidesNear(toks, tr)
	if tr.verb {
		d.verbRoles(f, from, to, here)
	} else {
		d.nounRoles(f, from, to, here)
	}
	f.agents = d.headed(s, f.agents)
	if f.place == nil && f.typ == model.Talks {
		// «على هامش أعمال الجمعية العامة في نيويورك، التقى X Y»: where the
		// occasion was held.
		for k := 0; k < tr.at; k++ {
			if !is(toks, k, g.margin) {
				continue
			}
			for _, j := range s.mentionsIn(k+1, tr.at) {
				if m := s.ments[j]; m.ent.isPlace() && d.sepBefore(toks, m.from) == "في" {
					f.place = m.ent
				}
			}
			break
		}
	}
	if tr.verb && info.Has(lexicon.ObjectActor) {
		// «أرسلت طهران قاآني إلى بغداد»: the one sent travels, not the sender.
		var sent *Entity
		for _, k := range s.mentionsIn(tr.at+tr.n, s.nextVerb(tr.at, to)) {
			if m := s.ments[k]; m.ent.Kind == model.Person && !m.ent.Unnamed && !hasEntity(f.agents, m.ent) && !s.prepBefore(m) {
				sent = m.ent
				break
			}
		}
		if sent == nil {
			f.skip, f.why = true, "no one sent"
		} else {
			f.agents, f.others = []*Entity{sent}, nil
			// Where to: «إلى بغداد», not the sender's capital.
			f.place = nil
			for _, k := range s.mentionsIn(tr.at+tr.n, s.nextVerb(tr.at, to)) {
				if m := s.ments[k]; m.ent.isPlace() && (d.sepBefore(s.Tokens, m.from) == "الي" || m.prep == "ل") {
					f.place = m.ent
					break
				}
			}
		}
	}
	if info.Has(lexicon.Host) {
		d.reception(f)
	}
	venue := false // the place is the subject: it takes part in nothing
	if info.Has(lexicon.Venue) {
		// «تستضيف بغداد القمة»: the place hosts; what it hosts is the event.
		if ms := s.mentionsIn(tr.at+tr.n, len(toks)); len(ms) > 0 && tr.verb {
			// «استضافت مدينة العقبة قمة»: the subject is the place, even
			// when the roles took someone named later.
			if m := s.ments[ms[0]]; m.ent.isPlace() && f.place == nil && d.onlyPlaceWords(toks, tr.at+tr.n, m.from) {
				f.place, venue, f.agents = m.ent, true, nil
			}
		}
		var kept []*Entity
		for _, a := range f.agents {
			if a.isPlace() && f.place == nil {
				f.place = a
				venue = true
				continue
			}
			kept = append(kept, a)
		}
		f.agents = kept
		for k := f.tr.at + f.tr.n; k < len(toks) && k < f.tr.at+f.tr.n+10; k++ {
			if m, ok := d.x.lx.Triggers.At(toks, k); ok && m.Val.Has(lexicon.Summit) {
				f.summit = true
			}
		}
	}
	if info.Has(lexicon.PersonObject) && f.place == nil && len(f.others) > 0 && f.others[0].Kind == model.Person {
		// «بشار الأسد يزور محمد بن راشد»: visiting a person is meeting him.
		f.typ = model.Talks
	}
	if f.typ == model.Statement && tr.verb && is(toks, tr.at+tr.n, g.anhu) && !d.hasMentionAt(s, tr.at+tr.n+1) {
		// «التي أُعلن عنها»: announced, by no one the sentence names.
		f.skip, f.why = true, "impersonal passive"
	}
	if f.typ == model.Talks && info.Needs == "with" && len(f.others) == 0 && len(f.agents) < 2 {
		// «بحث» and «ناقش» alone are studying, not talks.
		f.skip, f.why = true, "no partner"
	}
	if f.typ == model.Talks {
		f.agents = d.resolveGroups(f, f.agents, here)
		f.others = d.resolveGroups(f, f.others, here)
		f.agents, f.others = d.governments(f.agents), d.governments(f.others)
	}
	if f.typ == model.Visit && len(f.agents) == 0 && !tr.verb {
		// «يجتمع بوتين مع محمد بن زايد … في زيارة رسمية إلى موسكو»: the
		// visitor is the party of the meeting who is not at home.
		for _, o := range here {
			if o.typ != model.Talks || o.tr.clause != tr.clause {
				continue
			}
			dest := ""
			if f.place != nil {
				dest = placeCountry(f.place)
			}
			for _, p := range parties(o) {
				if p.Kind == model.Person && p.Country != "" && dest != "" && p.Country != dest {
					f.agents = []*Entity{p}
				}
			}
		}
	}
	if f.typ == model.Talks {
		// The parties of talks have no direction: keep them together.
		for _, o := range f.others {
			f.agents = appendEntity(f.agents, o)
		}
		f.others = nil
	}
	if venue && f.summit {
		// «وتستضيف بغداد … قمة ثلاثية تجمع …»: the verb gives the summit its
		// place and day; who attends is the summit noun's to say.
		f.agents = nil
	}
	if info.Has(lexicon.Return) && f.typ == model.Visit {
		// «وسيعود ماكرون إلى لبنان»: a foreigner's return is a visit;
		// «وعاد السوداني إلى بغداد», or anyone's whose country no one
		// knows, is going home.
		if f.place == nil || len(f.agents) == 0 || f.agents[0].Country == "" || placeCountry(f.place) == "" || f.agents[0].Country == placeCountry(f.place) {
			f.skip, f.why = true, "return"
		}
	}
	if f.typ == model.Visit && f.place != nil && len(f.agents) > 0 && f.agents[0].Country != "" && f.place.Country != "" &&
		f.agents[0].Country == f.place.Country && !f.agents[0].Role {
		// A trip inside one's own country is no visit.
		f.skip, f.why = true, "domestic"
	}
}

// verbRoles fills the roles of a verb trigger.
func (d *doc) verbRoles(f *frame, from, to int, here []*frame) {
	s, tr := f.s, f.tr
	toks := s.Tokens
	end := s.nextVerb(tr.at, to)
	// SVO: the subject right before the verb («الرئيس الأسد يصل»،
	// «وكان ولي العهد … قد أكد»).
	at := tr.at
	for at > from && (is(toks, at-1, g.qad) || punct(toks, at-1, "،,")) {
		at--
	}
	if k, ok := s.mentionEndingAt(at); ok && s.ments[k].from >= from && subjectOK(s, s.ments[k], f.typ) && !tr.conj {
		first := d.firstConjunct(s, k)
		f.agents = s.ents(s.coordinated(first))
	} else if at-1 >= from && is(toks, at-1, d.x.w.dual) && !tr.conj && f.typ != model.Statement {
		// «وكان الوزيران قد التقيا»: the pair just named, before the verb.
		f.agents, f.pairOf = d.pair(f, here)
	}
	// VSO: the first mention after the verb, if it stands right after it
	// (past a date, a comma, an adverb): in «وينفي علمه بجريمة خاشقجي» the
	// name after «علمه» is no subject.
	after := s.mentionsIn(tr.at+tr.n, end)
	objStart := 0
	subjectAt := d.subjectSlot(toks, tr.at+tr.n, end)
	if len(f.agents) == 0 && subjectAt < end && d.dualTitle(&toks[subjectAt]) {
		// «وشدد وزيرا خارجية مصر والأردن»، «اتفق رئيسا البلدين»: the office
		// of two, named by their countries.
		for _, k := range s.mentionsIn(subjectAt+1, min(end, subjectAt+4)) {
			if m := s.ments[k]; m.ent.Kind == model.Country && m.prep == "" {
				f.agents = s.ents(s.coordinated(k))
				break
			}
		}
	}
	if len(f.agents) == 0 && bareIs(toks, tr.at-1, g.thumma) && f.typ != model.Statement {
		// «وأدى شريف مناسك العمرة، ثم التقى ولي العهد»: «ثم» goes on with
		// the subject of the sentence so far; the one named after is met.
		if p := s.leadingPerson(tr.at); p != nil {
			f.agents = []*Entity{p}
		}
	}
	if len(f.agents) == 0 && f.typ == model.Talks {
		// «وصل X إلى بغداد، حيث التقى قادة …»: where the visitor went, he
		// met the people named after the verb.
		// «زيارة إلى السعودية يلتقي خلالها ولي العهد»: likewise.
		if c := s.clauses[tr.clause]; c.Marker >= 0 && bareIs(toks, c.Marker, g.haythu) || is(toks, tr.at+tr.n, g.duringIt) {
			if v := lastOfType(here, model.Visit); v != nil && len(v.agents) > 0 && v.agents[0].Kind == model.Person {
				f.agents = v.agents[:1]
			} else if bareIs(toks, c.Marker, g.haythu) && slices.ContainsFunc(s.trigs, func(o trigger) bool {
				return o.at < c.Marker && o.verb && (o.info.Has(lexicon.Depart) || o.info.Has(lexicon.Arrive))
			}) {
				// «… ثم توجه إلى قصر بعبدا حيث التقى الرئيس ميشال عون»: no
				// trip was told (a palace is no destination), but whoever
				// went there is the sentence's subject.
				if p := s.leadingPerson(c.Marker); p != nil {
					f.agents = []*Entity{p}
				}
			}
		}
	}
	if len(f.agents) == 0 {
		for idx, k := range after {
			m := s.ments[k]
			if d.crosses(toks, tr.at+tr.n, m.from) || m.from > subjectAt {
				break
			}
			if subjectOK(s, m, f.typ) {
				ks := s.coordinated(k)
				f.agents = s.ents(ks)
				objStart = idx + len(ks)
				break
			}
			if (m.ent.Unnamed || m.ent.Kind == model.Media) && !s.prepBefore(m) {
				// «وقالت قناة …»، «أكد مصدر …»: the subject is no actor.
				if f.typ == model.Statement {
					f.agents = []*Entity{m.ent}
				}
				objStart = idx + 1
				if f.typ == model.Statement {
					break
				}
				continue
			}
		}
	}
	if len(f.agents) == 0 {
		k := tr.at + tr.n
		for k < len(toks) && (toks[k].IsPunct("،,") || d.isDateWord(toks, k) || is(toks, k, g.also)) {
			k++
		}
		switch {
		case is(toks, k, d.x.w.dual):
			// «وبحث الجانبان»، «وسيتشاور الرئيسان»: the pair just named.
			f.agents, f.pairOf = d.pair(f, here)
		case k < len(toks) && definite(toks, k) && f.typ != model.Statement:
			// «وستناقش الزيارة …»: an event noun for a subject is the event
			// already told.
			if m, ok := d.x.lx.Triggers.At(toks, k); ok && !m.Val.Verb {
				f.anaphoric = true
				return
			}
		}
	}
	if len(f.agents) == 0 && f.typ == model.Statement {
		// «وأفاد بيان للمجلس السيادي»: a document speaks for its issuer;
		// «وأشار البيان»، «وذكرت الأرقام»: a subject that names no one.
		switch issuer, nounSubject := d.documentSubject(f); {
		case issuer != nil:
			f.agents = []*Entity{issuer}
			f.readout = true
		case nounSubject:
			f.readout = true
		}
	}
	if len(f.agents) == 0 && !f.readout {
		f.agents = d.implicitAgent(f, here)
	} else if f.typ == model.Talks && objStart > 0 && (tr.conj || s.clauses[tr.clause].Kind == arabic.Adverbial || s.clauses[tr.clause].Kind == arabic.Coord) {
		// «زار الأسد الإمارات والتقى محمد بن راشد»: the one met follows a
		// coordinated verb whose subject is the clause's before.
		if imp := d.implicitAgent(f, here); len(imp) > 0 && !hasEntity(f.agents, imp[0]) && !d.hasSubjectAfter(f, after) {
			f.others = append(f.others, f.agents...)
			f.agents = imp
		}
	}
	d.participants(f, after, objStart, end)
}

// hasSubjectAfter reports whether two person mentions follow the verb
// (subject and object), so the first one is the subject.
func (d *doc) hasSubjectAfter(f *frame, after []int) bool {
	persons := 0
	for _, k := range after {
		if f.s.ments[k].ent.Kind == model.Person && !f.s.prepBefore(f.s.ments[k]) {
			persons++
		}
	}
	return persons >= 2
}

// subjectSlot returns where a subject after a verb may start: the first
// token past dates, times, commas, adverbs and a vehicle («حطت طائرة أمير
// قطر»).
func (d *doc) subjectSlot(toks []arabic.Token, k, end int) int {
	for k < end && k < len(toks) {
		t := &toks[k]
		switch {
		case t.Kind == arabic.Number || t.IsPunct("،,()-–\"«»“”"):
		case t.Kind == arabic.Word && (d.isDateWord(toks, k) || is(toks, k, g.also) || is(toks, k, g.qad) ||
			is(toks, k, g.adverbs) ||
			d.x.w.vehicle.Has(t) || d.x.lx.Months.Has(toks, k)):
		default:
			return k
		}
		k++
	}
	return k
}

// dualTitle reports whether a word is an office in the dual construct
// («وزيرا»، «رئيسا»، «وزيري»، «رئيسي»): the title with ا or ي.
func (d *doc) dualTitle(t *arabic.Token) bool {
	for _, w := range []string{t.Norm, t.Bare()} {
		for _, suf := range []string{"ا", "ي"} {
			stem, ok := strings.CutSuffix(w, suf)
			if !ok || arabic.RuneLen(stem) < 3 {
				continue
			}
			if m, ok := d.x.lx.Titles.At(wordAlone(stem), 0); ok && m.N == 1 {
				return true
			}
		}
	}
	return false
}

// documentSubject looks at what follows a speech verb with no entity for
// a subject: a statement noun («بيان»، «البيان») whose issuer it returns
// (when named: «بيان للمجلس السيادي»), or another noun that names no one
// («الأرقام الرسمية»). Either way the verb has a subject of its own and
// takes none from the story around it.
func (d *doc) documentSubject(f *frame) (*Entity, bool) {
	s := f.s
	toks := s.Tokens
	k := f.tr.at + f.tr.n
	for k < len(toks) && (toks[k].IsPunct("،,") || d.isDateWord(toks, k) || is(toks, k, g.todayYesterday)) {
		k++
	}
	if k >= len(toks) || toks[k].Kind != arabic.Word || is(toks, k, g.comp) || is(toks, k, g.preps) || toks[k].IsPunct(":") {
		return nil, false
	}
	if _, in := s.mentionAt(k); in {
		return nil, false
	}
	if m, ok := d.x.lx.Triggers.At(toks, k); ok && m.Val.Type == model.Statement && !m.Val.Verb {
		for _, j := range s.mentionsIn(k+1, min(len(toks), k+4)) {
			if e := s.ments[j].ent; e.isActor() && e.Kind != model.Person || e.Kind == model.Person && !e.Unnamed {
				return e, true
			}
		}
		return nil, true
	}
	if d.x.lx.Given.Has(toks, k) || d.x.lx.Titles.Has(toks, k) || d.isStop(&toks[k]) || d.x.w.honorific.Has(&toks[k]) {
		return nil, false
	}
	return nil, definite(toks, k)
}

// isInvite reports whether a verb invites (دعا، يدعو).
func isInvite(t *arabic.Token) bool {
	_, ok := g.invite.In(t)
	return ok
}

// subjectAfter reports whether e is the subject right after verb o (then
// it is the inviter, not the invited).
func (d *doc) subjectAfter(s *sent, o trigger, e *Entity) bool {
	ks := s.mentionsIn(o.at+o.n, min(len(s.Tokens), o.at+o.n+2))
	return len(ks) > 0 && s.ments[ks[0]].ent == e && len(s.mentionsIn(o.at+o.n, len(s.Tokens))) == 1
}

// inviter is the subject right after an invitation verb when someone
// else follows uncoordinated: in «دعا الرئيس قيس سعيد نظيره عبد المجيد
// تبون إلى زيارة» Saied invites; in «دعا الرئيس تبون والرئيس المنفي
// لزيارة» both are invited.
func (d *doc) inviter(s *sent, o trigger) *Entity {
	ks := s.mentionsIn(o.at+o.n, len(s.Tokens))
	if len(ks) < 2 || s.ments[ks[0]].from > o.at+o.n+1 || s.ments[ks[0]].ent.Kind != model.Person {
		return nil
	}
	if co := s.coordinated(ks[0]); len(co) > 1 {
		return nil
	}
	return s.ments[ks[0]].ent
}

// firstConjunct walks back from «وبغداد» to «واشنطن» in «واشنطن وبغداد».
func (d *doc) firstConjunct(s *sent, k int) int {
	for k > 0 && s.ments[k].conj {
		p := s.ments[k-1]
		gap := s.ments[k].from - p.to
		if gap > 1 || gap == 1 && !punct(s.Tokens, p.to, "،,") || s.prepBefore(p) {
			break
		}
		k--
	}
	return k
}

// crosses reports whether a content clause or a colon starts between lo
// and hi: the subject is not looked for across it.
func (d *doc) crosses(toks []arabic.Token, lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if is(toks, k, g.comp) || punct(toks, k, ":") || arabic.IsRelative(&toks[k]) {
			return true
		}
	}
	return false
}

// thatsItBetween reports whether «وذلك» stands between lo and hi: what
// follows it is another matter («…، وذلك بعد إعلان الكاظمي»).
func (d *doc) thatsItBetween(toks []arabic.Token, lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if is(toks, k, g.thatsIt) && k > 0 && punct(toks, k-1, "،,") {
			return true
		}
	}
	return false
}

// participants reads who else takes part and where: objects after the
// subject, مع/ب/بين, and the place (إلى/ل/في/ب + place).
func (d *doc) participants(f *frame, after []int, objStart, end int) {
	s := f.s
	toks := s.Tokens
	info := f.tr.info
	depart := info.Has(lexicon.Depart)
	prevTo, prevSep, prevPrep, prevTaken := -1, "", "", false
	othersSeen := false // a person or body past the subject, before this mention
	for idx := objStart; idx < len(after); idx++ {
		k := after[idx]
		m := s.ments[k]
		gapFrom := prevTo // where the mention before ended (-1: none)
		if d.crosses(toks, f.tr.at+f.tr.n, m.from) || d.thatsItBetween(toks, f.tr.at+f.tr.n, m.from) {
			break
		}
		prep := m.prep
		sep := d.sepBefore(toks, m.from)
		conjunct := m.conj && (m.from == prevTo || m.from == prevTo+1 && punct(toks, prevTo, "،,"))
		if conjunct {
			// «بين بغداد وواشنطن»: a conjunct shares its first's preposition.
			sep, prep = prevSep, prevPrep
			if !prevTaken {
				continue // «مخرجات اتفاق الكاظمي وبايدن»: nor is it met when its first is not
			}
		}
		prevTo, prevSep, prevPrep, prevTaken = m.to, sep, prep, false
		e := m.ent
		if e.Kind == model.Media || e.Unnamed {
			continue
		}
		if m.from > 0 && (is(toks, m.from-1, g.venues) || is(toks, m.from-1, g.placeNouns)) && !e.isPlace() && e.Kind != model.Person {
			// «بمقر رئاسة الجمهورية»، «في قصر الإليزيه»: the body names the
			// building, where they met; it is no party.
			if f.place == nil && f.typ != model.Statement {
				f.place = e
			}
			continue
		}
		if e.isPlace() || e.Kind == model.Organisation && e.Acts && (sep == "في" || prep == "ب") {
			if sep == "في" && d.topicBefore(toks, m.from) {
				continue // «بحثا التطورات في غزة»: what they discussed
			}
			switch {
			case f.place != nil:
			case depart && (sep == "من" || sep == "" && prep == ""):
				// «غادر الرياض»: the place left, not the destination.
			case f.typ == model.Visit && (sep == "الي" || prep == "ل" || sep == "" && prep == "" || prep == "ب" || sep == "في"):
				f.place = e
			case f.typ == model.Talks && (sep == "في" || prep == "ب" || sep == "الي"):
				f.place = e
			case f.typ == model.Statement && sep == "في":
				f.place = e // where it was said; «رسالة إلى طهران» is its addressee
			}
			continue
		}
		if f.typ == model.Statement {
			continue // what a statement names is its content
		}
		// The first person or body past the subject, and past no more than
		// places and times («استقبل السيسي، اليوم، بقصر الاتحادية، رئيس
		// الوزراء العراقي»).
		first := !othersSeen && (idx == objStart || gapFrom >= 0 && d.onlyAdverbial(toks, gapFrom, m.from))
		introduced := sep == "مع" || sep == "بين" || prep == "ب" && f.typ == model.Talks || prep == "" && sep == ""
		if introduced {
			// (one in a phrase of where, «في مقر الرئاسة»، is no object)
			othersSeen = true
		}
		// «تلقى الرئيس اتصالا هاتفيا من أمير الكويت»: what is received
		// comes from the other party.
		fromCaller := sep == "من" && f.typ == model.Talks && f.lightAt >= 0 && d.x.w.receiverLight.Has(&toks[f.lightAt]) && m.from > f.tr.at
		if (!introduced || sep == "من" || sep == "عن" || sep == "علي") && !fromCaller {
			continue
		}
		if f.typ == model.Visit && sep != "مع" && !f.tr.info.Has(lexicon.Host) && !f.tr.info.Has(lexicon.PersonObject) {
			continue // a visitor's companions come with مع; others are no part of the trip
		}
		if sep == "" && prep == "" && !first && !m.conj {
			// Only the first bare object is the one met.
			continue
		}
		for _, j := range s.coordinated(k) {
			f.others = appendEntity(f.others, s.ments[j].ent)
		}
		prevTaken = true
	}
	if f.place == nil {
		f.place = d.placeAfter(f, end)
	}
}

// headed replaces a delegation with the person who heads it, named after
// it in the sentence: «وفد إيراني رفيع برئاسة علي شمخاني» is Shamkhani's
// trip.
func (d *doc) headed(s *sent, es []*Entity) []*Entity {
	toks := s.Tokens
	for i, e := range es {
		if e.Kind == model.Person && !e.Unnamed {
			continue
		}
		for k, m := range s.ments {
			if m.ent != e {
				continue
			}
			for j := m.to; j < len(toks) && j <= m.to+3; j++ {
				if !is(toks, j, g.headedBy) {
					continue
				}
				// the first person named after it, past his office
				// («برئاسة أمين المجلس الأعلى للأمن القومي علي شمخاني»)
				for _, n := range s.mentionsIn(j+1, min(len(toks), j+9)) {
					if d.crosses(toks, j+1, s.ments[n].from) || slices.ContainsFunc(toks[j+1:s.ments[n].from], func(t arabic.Token) bool { return t.IsPunct("،,.") }) {
						break
					}
					if p := s.ments[n].ent; n > k && p.Kind == model.Person && !p.Unnamed {
						es = slices.Clone(es)
						es[i] = p
						break
					}
				}
				break
			}
			break
		}
	}
	return es
}

// lightWithPronoun reports whether a word is a carrying verb with an
// object pronoun («أجراها»، «يجريها»، «عقده»): the pronoun is the event
// noun before it.
func (d *doc) lightWithPronoun(t *arabic.Token) bool {
	w := t.Bare()
	for _, suf := range []string{"ها", "هما", "ه"} {
		stem, ok := strings.CutSuffix(w, suf)
		if !ok || arabic.RuneLen(stem) < 2 {
			continue
		}
		if d.x.w.light.Contains(stem) {
			return true
		}
		if r, ok := strings.CutSuffix(stem, "ا"); ok && d.x.w.light.Contains(r+"ي") {
			return true // أجراها of أجرى
		}
	}
	return false
}

// onlyPlaceWords reports whether tokens [from, to) are only place nouns
// and time words («مدينة»، «العاصمة»، «اليوم»).
func (d *doc) onlyPlaceWords(toks []arabic.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if !is(toks, k, g.placeNouns) && !d.isDateWord(toks, k) && !toks[k].IsPunct("،,") {
			return false
		}
	}
	return true
}

// topicBefore reports whether the في before a place mention follows a
// noun of what talks are about («التطورات في غزة»، «الحرب في أوكرانيا»).
func (d *doc) topicBefore(toks []arabic.Token, from int) bool {
	k := from - 1
	for k >= 0 && (toks[k].IsPunct("\"«“'") || is(toks, k, g.placeNouns)) {
		k--
	}
	if !is(toks, k, g.fii) {
		return false
	}
	for k--; k >= 0 && toks[k].Kind == arabic.Word; k-- {
		if d.x.w.topic.Has(&toks[k]) {
			return true
		}
		if !definite(toks, k) || d.x.lx.Triggers.Has(toks, k) {
			return false
		}
		// past the topic's definite adjectives: «الأوضاع الإنسانية في غزة»
	}
	return false
}

// onlyAdverbial reports whether tokens [from, to) are only what stands
// between a verb's subject and its object without being either: commas,
// dates and times, numbers, adverbs.
func (d *doc) onlyAdverbial(toks []arabic.Token, from, to int) bool {
	for k := from; k < to; k++ {
		t := &toks[k]
		switch {
		case t.Kind == arabic.Number || t.IsPunct("،,"):
		case t.Kind == arabic.Word && (d.isDateWord(toks, k) || d.x.lx.Months.Has(toks, k) || is(toks, k, g.adverbs) || is(toks, k, g.also)):
		default:
			return false
		}
	}
	return true
}

// sepBefore returns the separate preposition before a mention, looking
// past quotation marks and a place noun («إلى مدينة "نيوم"»، «إلى العاصمة
// الأميركية واشنطن»), or "".
func (d *doc) sepBefore(toks []arabic.Token, from int) string {
	k := from - 1
	for steps := 0; k >= 0 && steps < 3; steps++ {
		switch {
		case toks[k].IsPunct("\"«“'"):
			k--
			continue
		case is(toks, k, g.placeNouns):
			if gp := gluedPrep(&toks[k], lastReading(&toks[k]).Stem); gp != "" {
				return ""
			}
			k--
			continue
		}
		break
	}
	if is(toks, k, g.preps) {
		return toks[k].Bare()
	}
	return ""
}

// placeAfter looks for a destination after a participle of motion later
// in the sentence when the clause gave none: «غادر سموه …، متوجها إلى
// الولايات المتحدة».
func (d *doc) placeAfter(f *frame, end int) *Entity {
	s := f.s
	toks := s.Tokens
	from := -1
	for k := f.tr.at + f.tr.n; k < len(toks) && k < f.tr.at+40; k++ {
		if is(toks, k, g.headingFor) {
			from = k + 1
			break
		}
		if is(toks, k, g.comp) || arabic.IsRelative(&toks[k]) {
			break
		}
	}
	if from < 0 {
		return nil
	}
	for _, k := range s.mentionsIn(from, min(len(toks), from+8)) {
		m := s.ments[k]
		if !m.ent.isPlace() {
			continue
		}
		sep := ""
		if is(toks, m.from-1, g.preps) {
			sep = toks[m.from-1].Bare()
		}
		if sep == "الي" || m.prep == "ل" || sep == "في" || m.prep == "ب" {
			return m.ent
		}
	}
	return nil
}

// nounRoles fills the roles of an event noun.
func (d *doc) nounRoles(f *frame, from, to int, here []*frame) {
	s, tr := f.s, f.tr
	toks := s.Tokens
	end := s.nextVerb(tr.at, to)
	for _, e := range s.exprs {
		if e.Kind == dates.EventLinked && e.Rel != dates.During && e.From > tr.at && e.From < end && e.Noun > tr.at {
			// «ويأتي اللقاء بعد عشرة أشهر من زيارة … إلى الصين»: what
			// follows is the other event's.
			end = e.From
		}
	}
	after := s.mentionsIn(tr.at+tr.n, end)
	// The verb that carries the noun: «أجرى الرئيس زيارة»، «يؤدي كل من X وY
	// زيارة»، «حظي الأمير بحفل استقبال».
	if lv := d.lightVerb(s, tr.at, from); lv >= 0 {
		f.lightAt = lv
		at := lv // «وكان بوريطة قد أجرى … مباحثات»: past قد to the subject
		for at > from && is(toks, at-1, g.qad) {
			at--
		}
		if k, ok := s.mentionEndingAt(at); ok && subjectOK(s, s.ments[k], f.typ) && !d.conjGlued(toks, lv) {
			f.agents = s.ents(s.coordinated(d.firstConjunct(s, k)))
		}
		if len(f.agents) == 0 {
			for _, k := range s.mentionsIn(lv+1, tr.at) {
				if subjectOK(s, s.ments[k], f.typ) {
					f.agents = s.ents(s.coordinated(k))
					break
				}
				if s.ments[k].ent.Unnamed && f.typ == model.Statement {
					f.agents = []*Entity{s.ments[k].ent}
					break
				}
			}
		}
		if len(f.agents) == 0 && is(toks, lv+1, d.x.w.dual) {
			f.agents, f.pairOf = d.pair(f, here)
		}
		// «وأجرت بيربوك في الرياض محادثات»: the venue between the verb and
		// its noun.
		for _, k := range s.mentionsIn(lv+1, tr.at) {
			m := s.ments[k]
			if f.place == nil && m.ent.isPlace() && (d.sepBefore(toks, m.from) == "في" || m.prep == "ب") && f.typ != model.Statement {
				f.place = m.ent
			}
		}
		if len(f.agents) == 0 {
			if p := d.verbFrameAt(here, lv); p != nil {
				f.agents = p.agents
			}
		}
		if len(f.agents) == 0 {
			f.agents = d.implicitAgentAt(f, lv, here)
		}
		if d.x.w.receiverLight.Has(&toks[lv]) && f.typ != model.Statement {
			f.host = true // «حظي الأمير بحفل استقبال»: the subject is the guest
		}
	}
	// «دعا الرئيس تبون والرئيس المنفي لزيارة …»: the invited are the
	// visitors, not the one who invites.
	if len(f.agents) == 0 && f.typ == model.Visit {
		for _, o := range s.trigs {
			if o.at >= tr.at || o.at < from || tr.at-o.at > 25 || !o.verb || !isInvite(&toks[o.at]) {
				continue
			}
			var invited []*Entity
			inviter := d.inviter(s, o)
			for _, k := range s.mentionsIn(o.at+o.n, tr.at) {
				m := s.ments[k]
				if m.ent.Kind == model.Person && !s.prepBefore(m) && m.ent != inviter {
					invited = appendEntity(invited, m.ent)
				}
			}
			if len(invited) > 1 || len(invited) == 1 && !d.subjectAfter(f.s, o, invited[0]) {
				f.agents = invited
			}
		}
	}
	// «نقلت تقارير عن الأمير قوله»: the one quoted is the speaker.
	if len(f.agents) == 0 && is(toks, tr.at, g.said) {
		for _, k := range s.mentionsIn(max(0, tr.at-10), tr.at) {
			m := s.ments[k]
			if is(toks, m.from-1, g.an) && m.ent.Kind == model.Person {
				f.agents = []*Entity{m.ent}
			}
		}
	}
	// «الزيارة التي قام بها بومبيو»، «اللقاء الذي عقده الرئيسان»: the
	// relative clause's carrying verb names the actor.
	if len(f.agents) == 0 && tr.at+tr.n < len(toks) {
		k := tr.at + tr.n
		for k < len(toks) && k < tr.at+tr.n+3 && !arabic.IsRelative(&toks[k]) && toks[k].Kind == arabic.Word && !d.x.lx.Triggers.Has(toks, k) && !d.x.w.light.Has(&toks[k]) && !d.lightWithPronoun(&toks[k]) {
			k++ // «الزيارة الأخيرة التي»
		}
		if k < len(toks) && arabic.IsRelative(&toks[k]) && k+1 < len(toks) && d.x.w.light.Has(&toks[k+1]) {
			for _, j := range s.mentionsIn(k+2, min(len(toks), k+8)) {
				if subjectOK(s, s.ments[j], f.typ) {
					f.agents = s.ents(s.coordinated(j))
					break
				}
			}
		} else if k < len(toks) && !definite(toks, tr.at) && (d.lightWithPronoun(&toks[k]) || d.x.w.light.Has(&toks[k]) && is(toks, k+1, g.bihaa)) {
			// «زيارة سرية أجراها قائد فيلق القدس …»: an indefinite noun's
			// relative clause needs no الذي; its verb's pronoun is the noun.
			for _, j := range s.mentionsIn(k+1, min(len(toks), k+8)) {
				if subjectOK(s, s.ments[j], f.typ) {
					f.agents = s.ents(s.coordinated(j))
					break
				}
			}
		}
	}
	// A noun restating the verb before it: «وصل X إلى Y في زيارة رسمية».
	if len(f.agents) == 0 && f.lightAt < 0 {
		if p := lastOfType(here, f.typ); p != nil && p.tr.verb && p.tr.clause == tr.clause && (is(toks, tr.at-1, g.inDuring) || strings.HasPrefix(lastReading(&toks[tr.at]).Pre, "ب")) {
			f.agents = p.agents
			if f.place == nil {
				f.place = p.place
			}
		}
	}
	// «زيارة إلى العراق للقاء قادة الفصائل»، «بهدف عقد اجتماعات مع …»: the
	// purpose of a trip is the traveller's meeting; who follows is met.
	if len(f.agents) == 0 && f.typ == model.Talks && !f.summit && d.purposed(toks, tr) {
		if v := lastOfType(here, model.Visit); v != nil && len(v.agents) > 0 && v.agents[0].Kind == model.Person {
			f.agents = v.agents[:1]
			if f.place == nil {
				f.place = v.place
			}
		}
	}
	// «أول زيارة يقوم بها الرئيس»: the light verb after the noun and its
	// subject.
	if len(f.agents) == 0 && is(toks, tr.at+tr.n, d.x.w.light) && is(toks, tr.at+tr.n+1, g.bihaa) {
		for _, k := range s.mentionsIn(tr.at+tr.n+2, min(len(toks), tr.at+tr.n+4)) {
			if subjectOK(s, s.ments[k], f.typ) {
				f.agents = s.ents(s.coordinated(k))
				f.lightAt = tr.at + tr.n
				d.participants(f, s.mentionsIn(s.ments[k].to, end), 0, end)
				break
			}
		}
	}
	// The actor named after the noun: a genitive («زيارة الرئيس»), a ل
	// genitive («زيارة لمتزعم …»)، «زيارة له».
	if len(f.agents) == 0 {
		for idx, k := range after {
			m := s.ments[k]
			if m.from > tr.at+tr.n+4 || d.crosses(toks, tr.at+tr.n, m.from) {
				break
			}
			if f.typ == model.Talks && m.ent.Kind == model.Country && bareIs(toks, m.from-1, g.bayna) {
				// «المحادثات الاستراتيجية بين العراق والولايات المتحدة»
				f.agents = s.ents(s.coordinated(k))
				d.participants(f, after, idx+len(f.agents), end)
				break
			}
			if m.ent.isPlace() && f.summit && f.place == nil && m.from == tr.at+tr.n {
				f.place = m.ent // «قمة بغداد»: a summit's genitive place is its venue
				continue
			}
			if m.ent.isPlace() && (!m.ent.Acts || f.typ == model.Visit) {
				if f.typ == model.Visit && f.place == nil && (m.from == tr.at+tr.n || m.prep == "ل") {
					f.place = m.ent // «زيارة السعودية»، «زيارة واشنطن»، «زيارته لواشنطن»
				}
				continue
			}
			if m.ent.Kind == model.Media || m.ent.Unnamed {
				break
			}
			sep := ""
			if is(toks, m.from-1, g.preps) {
				sep = toks[m.from-1].Bare()
			}
			// A definite noun takes no bare genitive: «حضر اللقاء الشيخ حمدان».
			definiteNoun := definite(toks, tr.at) || hasPronounSuffix(&toks[tr.at+tr.n-1])
			genitive := m.from == tr.at+tr.n && m.prep == "" && sep == "" && !definiteNoun
			lgen := m.prep == "ل" || sep == "ل"
			if f.typ == model.Talks && (sep == "بين" || sep == "مع") {
				// «لقاء بين X وY»، «محادثات مع X»
				if sep == "بين" {
					f.agents = s.ents(s.coordinated(k))
				} else {
					f.others = s.ents(s.coordinated(k))
				}
				d.participants(f, after, idx+1, end)
				break
			}
			if genitive || lgen && (m.from <= tr.at+tr.n+3) {
				ks := s.coordinated(k)
				f.agents = s.ents(ks)
				d.participants(f, after, idx+len(ks), end)
				break
			}
			if m.prep != "" || sep != "" {
				continue
			}
			break
		}
	} else {
		d.participants(f, after, 0, end)
	}
	if len(f.agents) == 0 && f.place == nil {
		// The place, even with no actor yet («مفاوضات … عُقدت في أبوظبي»).
		others := f.others
		d.participants(f, after, 0, end)
		f.others = others
	}
	// Nationality adjectives after the noun: «ترحيب سعودي أمريكي»،
	// «المحادثات الاستراتيجية الأمريكية – العراقية».
	if len(f.agents) == 0 {
		f.agents = d.adjectiveSides(toks, tr)
	}
	// A pronoun: «زيارته»، «استقباله»، «زيارة له»، «تنظم له، اليوم زيارة».
	if len(f.agents) == 0 && (hasPronounSuffix(&toks[tr.at+tr.n-1]) || is(toks, tr.at+tr.n, g.lahu) ||
		bareIs(toks, tr.at-1, g.lahu) || bareIs(toks, tr.at-2, g.lahu) || bareIs(toks, tr.at-3, g.lahu)) {
		if p := d.possessor(f, here); p != nil {
			f.agents = []*Entity{p}
			f.possessive = true
			if f.typ == model.Talks && len(f.others) == 0 {
				// «خلال لقائه المبعوثة الأمريكية»، «لقاؤه مع …»: who follows is
				// met, as after a verb.
				d.participants(f, after, 0, end)
				f.others = slices.DeleteFunc(f.others, func(e *Entity) bool { return e == p })
			}
		}
	}
	// «قمة تجمع X وY»، «بمشاركة X»: the participants of a meeting.
	if f.typ == model.Talks {
		d.gathered(f, end)
	}
	// A noun restating the verb before it: «وصل X إلى Y في زيارة رسمية».
	if len(f.agents) == 0 {
		if p := lastOfType(here, f.typ); p != nil && (is(toks, tr.at-1, g.inWithDuring) || strings.HasPrefix(lastReading(&toks[tr.at]).Pre, "ب")) {
			f.agents = p.agents
			if f.place == nil {
				f.place = p.place
			}
		}
	}
	if len(f.agents) == 0 && f.typ == model.Talks && len(f.others) > 0 {
		f.agents, f.others = f.others, nil
	}
	if f.typ == model.Talks && f.place == nil {
		// «يصل بغداد للمشاركة في قمة …»، «توجه إلى السعودية لحضور قمة»: the
		// meeting is where the trip goes.
		for k := tr.at - 1; k >= max(0, tr.at-3); k-- {
			if d.x.w.purpose.Has(&toks[k]) || is(toks, k, g.toTakePart) {
				if p := lastOfType(here, model.Visit); p != nil && p.place != nil {
					f.place = p.place
				}
				break
			}
		}
	}
	if len(f.agents) == 0 && f.typ == model.Statement {
		// «صدر اليوم بيان مشترك عن السعودية وإيران والصين»: issued by.
		k := tr.at - 1
		for k >= from && d.isDateWord(toks, k) {
			k--
		}
		if is(toks, k, g.issued) {
			for j := tr.at + tr.n; j < end && j <= tr.at+tr.n+2; j++ {
				if bareIs(toks, j, g.an) {
					// every actor up to the comma: «عن المملكة العربية
					// السعودية وجمهورية إيران الإسلامية وجمهورية الصين»
					for _, n := range s.mentionsIn(j+1, end) {
						m := s.ments[n]
						if slices.ContainsFunc(toks[j+1:m.from], func(t arabic.Token) bool { return t.IsPunct("،,.:") }) {
							break
						}
						if m.ent.isActor() {
							f.agents = appendEntity(f.agents, m.ent)
						}
					}
					break
				}
			}
		}
	}
	if len(f.agents) == 0 && f.typ == model.Talks {
		// «جرت المباحثات … بين وفدي البلدين برئاسة X وY»: the heads of the
		// delegations are the parties.
		for k := tr.at + tr.n; k < end; k++ {
			if !is(toks, k, g.headedBy) {
				continue
			}
			for _, j := range s.mentionsIn(k+1, min(end, k+9)) {
				if m := s.ments[j]; m.ent.Kind == model.Person && !m.ent.Unnamed {
					f.agents = s.ents(s.coordinated(j))
					break
				}
			}
			break
		}
	}
	if len(f.agents) == 0 && f.typ == model.Talks && (is(toks, tr.at-1, g.takePart) || is(toks, tr.at-1, g.fii) && is(toks, tr.at-2, g.takePart)) {
		// «وشارك في الاجتماع كل من X وY وZ»، «وحضر اللقاء X»: who took
		// part in the meeting just told.
		for _, k := range s.mentionsIn(tr.at+tr.n, end) {
			if m := s.ments[k]; m.ent.Kind == model.Person && !m.ent.Unnamed && !s.prepBefore(m) && m.prep == "" {
				for _, j := range s.coordinated(k) {
					f.joiners = appendEntity(f.joiners, s.ments[j].ent)
				}
				break
			}
		}
	}
	if len(f.agents) == 0 {
		def := definite(toks, tr.at) || is(toks, tr.at-1, g.demonstrative)
		if def || hasPronounSuffix(&toks[tr.at+tr.n-1]) {
			f.anaphoric = true
		}
	}
}

// lightVerb returns the carrying verb a few words before the noun at i,
// in the same clause («أجرى»، «يؤدي»، «عقد»، «بعث»), or -1. A name with
// its titles counts as one word («تلقى صاحب السمو الشيخ محمد بن زايد آل
// نهيان رئيس الدولة "حفظه الله" اتصالاً»).
func (d *doc) lightVerb(s *sent, i, from int) int {
	toks := s.Tokens
	counted := 0
	seg := i // the end of the stretch since the last comma crossed
	for k := i - 1; k >= from && counted < 12; k-- {
		if !s.insideMention(k) {
			counted++
		}
		if punct(toks, k, "،,") {
			// Past a comma only over times, adverbs and names («تلقى X،
			// اليوم، اتصالاً»): another verb there («…، دفع الكاظمي إلى
			// إرسال») carries the noun itself.
			for j := k + 1; j < seg; j++ {
				if toks[j].Kind == arabic.Word && !s.inMention(j) && !d.isDateWord(toks, j) && !is(toks, j, g.adverbs) && !is(toks, j, g.preps) {
					return -1
				}
			}
			seg = k
		}
		if is(toks, k, g.comp) || punct(toks, k, ":.") || k < i-1 && arabic.IsRelative(&toks[k]) {
			return -1 // (nor past a relative pronoun: «العرض الذي قامت به …، دفع … إلى إرسال»)
		}
		if toks[k].Kind == arabic.Word && d.x.w.light.Has(&toks[k]) {
			return k
		}
		if m, ok := d.x.lx.Triggers.At(toks, k); ok && k < i && !is(toks, k-1, g.preps) &&
			!(!m.Val.Verb && m.Val.Type == model.Visit && k+m.N >= i-1) {
			// Another event between (but «سيجري خلال الزيارة مباحثات» reads
			// past a phrase, and «عقد جولة حوارات» is a round of them).
			return -1
		}
	}
	return -1
}

// inMention reports whether token k is part of a mention.
func (s *sent) inMention(k int) bool {
	for _, m := range s.ments {
		if m.from <= k && k < m.to {
			return true
		}
	}
	return false
}

// insideMention reports whether token k is inside a mention, past its
// first token.
func (s *sent) insideMention(k int) bool {
	for _, m := range s.ments {
		if m.from < k && k < m.to {
			return true
		}
	}
	return false
}

// verbFrameAt returns the frame of this sentence whose trigger is at i.
func (d *doc) verbFrameAt(here []*frame, i int) *frame {
	for _, f := range here {
		if f.tr.at == i {
			return f
		}
	}
	return nil
}

func lastOfType(fs []*frame, t model.EventType) *frame {
	for i := len(fs) - 1; i >= 0; i-- {
		if fs[i].typ == t {
			return fs[i]
		}
	}
	return nil
}

// adjectiveSides reads the nationality adjectives right after a noun.
func (d *doc) adjectiveSides(toks []arabic.Token, tr trigger) []*Entity {
	var out []*Entity
	for k := tr.at + tr.n; k < len(toks) && k < tr.at+tr.n+5; k++ {
		if punct(toks, k, "–-") {
			continue
		}
		if a, ok := d.x.lx.Adjectives.At(toks, k); ok {
			out = appendEntity(out, d.ents.known(a.Val))
			k += a.N - 1
			continue
		}
		if toks[k].Kind != arabic.Word || !definite(toks, k) || len(out) > 0 || d.x.lx.Titles.Has(toks, k) ||
			d.x.lx.Entities.Has(toks, k) || d.x.lx.Triggers.Has(toks, k) {
			break // «خلال الزيارة الرئيس الأميركي»: a new phrase, not an adjective of the noun
		}
	}
	return out
}

// gathered adds the participants a meeting noun introduces: «قمة ثلاثية
// تجمع X وY»، «بمشاركة X»، «يجمعه مع X».
func (d *doc) gathered(f *frame, end int) {
	s := f.s
	toks := s.Tokens
	for k := f.tr.at + f.tr.n; k < len(toks) && k < f.tr.at+f.tr.n+8; k++ {
		if !d.x.w.gathers.Has(&toks[k]) {
			continue
		}
		if strings.HasSuffix(toks[k].Norm, "ه") && len(f.agents) > 0 {
			// «يجمعه مع X»: the host and X.
		}
		for _, m := range s.mentionsIn(k+1, min(len(toks), k+30)) {
			mm := s.ments[m]
			if mm.ent.isPlace() || mm.ent.Kind == model.Media {
				continue
			}
			for _, j := range s.coordinated(m) {
				f.others = appendEntity(f.others, s.ments[j].ent)
			}
			break
		}
		return
	}
}

// reception sorts out استقبل: the host receives a guest. At an airport or
// on arrival («لدى وصوله») it is the guest's visit; at a palace or office
// it is a meeting of the two; «كان في استقباله X» names the host after a
// pronoun for the guest.
func (d *doc) reception(f *frame) {
	s := f.s
	toks := s.Tokens
	defer func() { f.host = true }()
	if f.tr.verb && !f.host && len(f.others) == 0 && len(f.agents) > 0 && hasPronounSuffix(&toks[f.tr.at]) {
		// «واستقبله ولي العهد»: the pronoun is the guest, the one told
		// last before this sentence.
		if g := d.lastActor(s.Index); g != nil && g != f.agents[0] {
			f.others = []*Entity{g}
		}
	}
	if f.tr.verb || f.host {
		// «استقبل X Y»: X the host, Y the guest.
		if !f.host && len(f.agents) > 0 && len(f.others) > 0 {
			host := f.agents[0]
			f.agents = append([]*Entity{f.others[0]}, f.agents[1:]...)
			f.others = append([]*Entity{host}, f.others[1:]...)
		}
	} else if len(toks) > 0 {
		// «وكان في استقباله X»، «كان باستقبال أمير قطر … ولي العهد»: a
		// pronoun or genitive guest, and the host named after.
		if is(toks, f.tr.at-1, g.fii) || strings.HasPrefix(lastReading(&toks[f.tr.at]).Pre, "ب") {
			var guest []*Entity
			if hasPronounSuffix(&toks[f.tr.at]) {
				// The pronoun is the guest; a person named after it is the
				// host, whatever the roles made of him. With no one named
				// before it in its sentence, it is the last actor.
				p := d.possessor(f, nil)
				if len(s.mentionsIn(0, f.tr.at)) == 0 {
					if a := d.lastActor(s.Index); a != nil {
						p = a
					}
				}
				if p != nil {
					guest = []*Entity{p}
				}
			} else if !f.possessive && len(f.agents) > 0 {
				guest = f.agents[:1]
			}
			var host *Entity
			for _, k := range s.mentionsIn(f.tr.at+f.tr.n, len(toks)) {
				m := s.ments[k]
				if m.ent.Kind == model.Person && (len(guest) == 0 || m.ent != guest[0]) && !s.prepBefore(m) {
					host = m.ent
					break
				}
			}
			if len(guest) > 0 {
				f.agents = guest
				f.possessive = false
				if host != nil {
					f.others = []*Entity{host}
				}
				f.host = true
			}
		} else if len(f.agents) > 0 && hasPronounSuffix(&toks[f.tr.at]) && f.possessive {
			// «خلال استقباله الموفد»: the possessor hosts the guest named after.
			host := f.agents[0]
			for _, k := range s.mentionsIn(f.tr.at+1, min(len(toks), f.tr.at+6)) {
				m := s.ments[k]
				if m.ent.Kind == model.Person && m.ent != f.agents[0] {
					f.others = []*Entity{f.agents[0]}
					f.agents = []*Entity{m.ent}
					break
				}
			}
			if is(toks, f.tr.at+1, g.iyyahu) {
				// «في حضور … الكاظمي خلال استقباله إياه»: the guest is the
				// other person just named.
				for k := len(s.ments) - 1; k >= 0; k-- {
					m := s.ments[k]
					if m.to <= f.tr.at && m.ent.Kind == model.Person && m.ent != f.agents[0] && !m.ent.Unnamed {
						f.others = []*Entity{f.agents[0]}
						f.agents = []*Entity{m.ent}
						break
					}
				}
			}
			if f.agents[0] == host {
				// «خلال استقباله وفدا من الكونغرس»: a guest no one names; the
				// host travels nowhere.
				f.agents, f.others = nil, []*Entity{host}
			}
		}
	}
	// Where: at an airport, or on arrival, it is the guest's visit; at a
	// palace or office, a meeting. The nearest such word in the sentence
	// decides.
	for dist := 0; dist < len(toks) && f.reception == ""; dist++ {
		for _, k := range []int{f.tr.at + dist, f.tr.at - dist} {
			if k < 0 || k >= len(toks) || toks[k].Kind != arabic.Word {
				continue
			}
			t := &toks[k]
			if d.x.w.airport.Has(t) || is(toks, k, g.arrival) || is(toks, k, g.hisArrival) || is(toks, k, g.visitNoun) && k > f.tr.at {
				f.reception = "airport"
				break
			}
			if d.x.w.palace.Has(t) {
				f.reception = "palace"
				break
			}
		}
	}
	if f.reception == "" && f.tr.info.Has(lexicon.Arrive) {
		f.reception = "airport"
	}
	if f.reception == "" && f.place != nil && f.place.Kind == model.Organisation && f.place.Acts {
		f.reception = "palace" // «في البيت الأبيض»: a seat of government
	}
	if f.reception == "" {
		// «وصل … حيث كان في استقباله الرئيس»: received on arrival.
		for _, o := range s.trigs {
			if o.at < f.tr.at && o.info.Has(lexicon.Arrive) {
				f.reception = "airport"
			}
		}
	}
	switch {
	case f.reception == "airport":
		f.typ = model.Visit
	case f.reception == "palace" || f.tr.verb || f.host:
		f.typ = model.Talks
	default:
		f.typ = model.Visit
	}
	if f.typ == model.Visit && f.place == nil && len(f.others) > 0 && f.others[0].Country != "" {
		// The host's country is where the guest went.
		if e := d.x.lx.Entity(f.others[0].Country); e != nil {
			f.place = d.ents.known(e)
		}
	}
	if f.typ == model.Visit {
		f.others = nil
	}
}

// governments turns the capitals among a meeting's parties into the
// countries they stand for: «الحوار بين بغداد وواشنطن» is Iraq's and the
// United States'.
func (d *doc) governments(es []*Entity) []*Entity {
	var out []*Entity
	for _, e := range es {
		if e.Kind == model.Place && e.Acts && e.Known != nil && e.Known.StandsFor != "" {
			if c := d.x.lx.Entity(e.Known.StandsFor); c != nil {
				e = d.ents.known(c)
			}
		}
		out = appendEntity(out, e)
	}
	return out
}

// purposed reports whether an event noun is a purpose: «للقاء»، «بهدف
// عقد اجتماعات»، «لبحث».
func (d *doc) purposed(toks []arabic.Token, tr trigger) bool {
	if d.x.w.purpose.Has(&toks[tr.at]) {
		return true
	}
	for k := tr.at - 1; k >= max(0, tr.at-2); k-- {
		if d.x.w.purpose.Has(&toks[k]) {
			return true
		}
	}
	return false
}

// hasMentionAt reports whether an entity mention starts at token i.
func (d *doc) hasMentionAt(s *sent, i int) bool {
	_, ok := s.mentionAt(i)
	return ok
}

// possessor resolves the pronoun of «زيارته»، «استقباله»، «زيارة له»:
// the subject of the sentence's frames so far or a person named before it
// in the sentence (not one a preposition introduces: «دفعت برئيسها X إلى
// استقباله» is not X's reception), else the person the article is about.
func (d *doc) possessor(f *frame, here []*frame) *Entity {
	s := f.s
	if c := s.clauses[f.tr.clause]; c.Kind == arabic.Relative && is(s.Tokens, c.From, g.alladhi) {
		// «… لمتزعم فيلق القدس قاآني إلى بغداد، الذي تزامنت زيارته»: the
		// man the relative clause describes, whatever introduced him.
		for k := len(s.ments) - 1; k >= 0; k-- {
			if m := s.ments[k]; m.to <= c.From && m.ent.Kind == model.Person && !m.ent.Unnamed {
				return m.ent
			}
		}
	}
	for i := len(here) - 1; i >= 0; i-- {
		if len(here[i].agents) > 0 && here[i].agents[0].Kind == model.Person && !here[i].agents[0].Unnamed && here[i].tr.verb && !here[i].host {
			return here[i].agents[0]
		}
	}
	exclude := map[*Entity]bool{}
	for k := len(s.ments) - 1; k >= 0; k-- {
		m := s.ments[k]
		if m.from >= f.tr.at || m.ent.Kind != model.Person || m.ent.Unnamed {
			continue
		}
		if s.prepBefore(m) {
			exclude[m.ent] = true
			continue
		}
		if !exclude[m.ent] {
			return m.ent
		}
	}
	return d.ents.mostSalient(exclude)
}

// lastActor is the first agent of the last frame before sentence si.
func (d *doc) lastActor(si int) *Entity {
	for i := len(d.frames) - 1; i >= 0; i-- {
		fr := d.frames[i]
		if fr.s.Index < si && len(fr.agents) > 0 && fr.agents[0].Kind == model.Person && fr.typ != model.Statement {
			return fr.agents[0]
		}
	}
	for i := len(d.frames) - 1; i >= 0; i-- {
		fr := d.frames[i]
		if fr.s.Index < si && len(fr.agents) > 0 && fr.agents[0].Kind == model.Person {
			return fr.agents[0]
		}
	}
	return nil
}

// implicitAgent finds the actor of a verb with no subject of its own: the
// subject of the clause it is coordinated with (والتقى), of the verb whose
// content it is (أنه سيجري), or the last actor before.
func (d *doc) implicitAgent(f *frame, here []*frame) []*Entity {
	return d.implicitAgentAt(f, f.tr.at, here)
}

func (d *doc) implicitAgentAt(f *frame, at int, here []*frame) []*Entity {
	s := f.s
	toks := s.Tokens
	c := s.clauses[arabic.Of(s.clauses, at)]
	if c.Kind == arabic.Relative && c.From > 0 {
		// «نظيره الفرنسي، إيمانويل ماكرون، الذي يقوم بزيارة»: the name
		// the relative clause describes.
		end := c.From
		if punct(toks, end-1, "،,") {
			end--
		}
		// Not when the name is the genitive of an event noun: in «زيارة
		// قاآني التي أعلن عنها» the clause describes the visit.
		if k, ok := s.mentionEndingAt(end); ok && s.ments[k].ent.isActor() && !d.x.lx.Triggers.Has(toks, s.ments[k].from-1) {
			return []*Entity{s.ments[k].ent}
		}
	}
	if f.typ == model.Statement && f.tr.verb && at == f.tr.at && d.feminine(toks, f.tr) {
		// «وأوضحت أن …» after «ووفقا لوكالة …»: a feminine verb's unnamed
		// subject is no man; the body or medium named last, when the verb
		// opens the sentence. Inside one («لتؤكد حرصها») its subject is
		// the clause's, no speaker.
		if at == s.clauses[0].From && (c.Kind == arabic.Main || c.Kind == arabic.Coord) && lastReading(&toks[at]).Pre != "ل" {
			return d.lastBody(s, at)
		}
		return nil
	}
	if f.typ == model.Statement && f.tr.verb && at == f.tr.at && f.tr.info.Has(lexicon.Continue) && at > 0 && punct(toks, at-1, "،,") &&
		!slices.ContainsFunc(toks[:at], func(t arabic.Token) bool { return t.Kind == arabic.Punct && strings.ContainsAny(t.Raw, "\"«“:") }) {
		// «رفض نتنياهو هذه الدعوات، قائلا إن …»: a participle after a comma,
		// in a sentence that quotes no one before it, goes on with the
		// sentence's subject, not the speaker before.
		complement := false
		for k := 0; k < at; k++ {
			complement = complement || is(toks, k, g.comp)
		}
		if !complement && len(s.ments) > 0 {
			if m := s.ments[0]; m.to <= at && m.ent.Kind == model.Person && !m.ent.Unnamed && !s.prepBefore(m) && m.prep == "" {
				return []*Entity{m.ent}
			}
		}
	}
	if f.typ == model.Statement && f.tr.verb && at == f.tr.at {
		// «وقالت إن …» with no subject: the speaker before goes on, even a
		// medium («وذكرت الوكالة …. وقالت إن …»).
		for i := len(here) - 1; i >= 0; i-- {
			if here[i].typ == model.Statement && len(here[i].agents) > 0 {
				return here[i].agents[:1]
			}
		}
		if c.Kind == arabic.Coord && c.Prev >= 0 {
			// «حيث التقى قادة الميليشيات، ودعا إلى الهدوء»: the subject of
			// the clause before.
			for i := len(here) - 1; i >= 0; i-- {
				if p := here[i]; p.tr.at < at && len(p.agents) > 0 && p.tr.verb && p.tr.clause == c.Prev {
					return p.agents[:1]
				}
			}
			// «فإن قآني رفض هذا الطلب، وقال للكاظمي»: the name that opens it.
			if p := d.openingSubject(s, s.clauses[c.Prev]); p != nil {
				return []*Entity{p}
			}
		}
		for i := len(d.frames) - 1; i >= 0; i-- {
			p := d.frames[i]
			if p.s.Index < s.Index && s.Index-p.s.Index <= 2 && p.typ == model.Statement && len(p.agents) > 0 {
				return p.agents[:1]
			}
			if p.s.Index < s.Index-2 {
				break
			}
		}
	}
	// A coordinated clause keeps the subject of the one before.
	if c.Kind == arabic.Coord || c.Kind == arabic.Adverbial || c.Kind == arabic.Main && at > c.From {
		for i := len(here) - 1; i >= 0; i-- {
			p := here[i]
			if p.tr.at < at && len(p.agents) > 0 && p.tr.verb && !(p.typ == model.Statement && f.typ != model.Statement && c.Kind != arabic.Main) {
				return p.agents[:1]
			}
		}
	}
	if c.Kind == arabic.Quote && c.Parent >= 0 && s.clauses[c.Parent].Kind == arabic.Content {
		// «بأنه “توجه …”»: a quotation inside reported content speaks of
		// the content's subject.
		c = s.clauses[c.Parent]
		at = c.Marker + 1
	}
	// «أنه سيجري …»، «ومن المقرر أن يتوجه …»: the story's actor.
	if c.Kind == arabic.Content && (c.Marker >= 0 && hasPronounSuffix(&toks[c.Marker]) || c.Marker >= 0 && at <= c.Marker+2) {
		for i := len(here) - 1; i >= 0; i-- {
			p := here[i]
			if len(p.agents) > 0 && p.typ != model.Statement && p.agents[0].Kind == model.Person {
				return p.agents[:1]
			}
		}
		if p := d.lastActor(s.Index); p != nil {
			return []*Entity{p}
		}
	}
	// A sentence that opens with its verb carries on the last actor
	// («وفي وقت سابق من يوم الاثنين، التقى …»).
	if c.From == 0 || c.Kind == arabic.Main {
		opening := true
		for k := c.From; k < at; k++ {
			if toks[k].Kind == arabic.Word && !d.isDateWord(toks, k) && !is(toks, k, g.openingWords) &&
				!d.x.lx.Months.Has(toks, k) && toks[k].Kind != arabic.Number {
				opening = false
				break
			}
		}
		if opening {
			if p := d.lastActor(s.Index); p != nil {
				return []*Entity{p}
			}
		}
	}
	return nil
}

// openingSubject is the person a clause opens with, past its conjunction
// and complementiser: «فإن قآني رفض …».
func (d *doc) openingSubject(s *sent, c arabic.Clause) *Entity {
	toks := s.Tokens
	k := c.From
	for k < c.To && (toks[k].Kind != arabic.Word || is(toks, k, g.comp) || is(toks, k, g.openers)) {
		k++
	}
	if j, ok := s.mentionAt(k); ok && s.ments[j].ent.Kind == model.Person && !s.ments[j].ent.Unnamed {
		return s.ments[j].ent
	}
	return nil
}

// feminine reports whether a verb is in the feminine third person
// singular: «قالت»، «أوضحت»، «تقول», whose masculine form is a trigger too.
func (d *doc) feminine(toks []arabic.Token, tr trigger) bool {
	if tr.n != 1 {
		return false
	}
	stem := lastReading(&toks[tr.at]).Stem
	var other string
	switch {
	case strings.HasSuffix(stem, "ت") && arabic.RuneLen(stem) >= 4:
		other = strings.TrimSuffix(stem, "ت")
	case strings.HasPrefix(stem, "ت") && arabic.RuneLen(stem) >= 4:
		other = "ي" + strings.TrimPrefix(stem, "ت")
	default:
		return false
	}
	m, ok := d.x.lx.Triggers.At([]arabic.Token{{Kind: arabic.Word, Norm: other, An: []arabic.Analysis{{Stem: other}}}}, 0)
	return ok && m.Val.Verb
}

// lastBody is the last body, country or medium named before token at, in
// this sentence or the two before.
func (d *doc) lastBody(s *sent, at int) []*Entity {
	// A medium or a body first: «ووفقا لوكالة …، فإن العراق طلب … وأوضحت»
	// is the agency speaking on, not Iraq.
	for _, kinds := range [][]model.ActorKind{{model.Media}, {model.Organisation}, {model.Country}} {
		for si := s.Index; si >= 0 && si >= s.Index-2; si-- {
			ss := d.sents[si]
			for k := len(ss.ments) - 1; k >= 0; k-- {
				m := ss.ments[k]
				if ss == s && m.from >= at {
					continue
				}
				if slices.Contains(kinds, m.ent.Kind) {
					return []*Entity{m.ent}
				}
			}
		}
	}
	return nil
}

// pair is who "the two" (الجانبان، الزعيمان، الرئيسان) are: the parties of
// the last meeting with two, in this sentence or the article.
func (d *doc) pair(f *frame, here []*frame) ([]*Entity, *frame) {
	for i := len(here) - 1; i >= 0; i-- {
		if ps := parties(here[i]); len(ps) >= 2 {
			return slices.Clone(ps[:2]), here[i]
		}
	}
	for i := len(d.frames) - 1; i >= 0; i-- {
		if ps := parties(d.frames[i]); len(ps) >= 2 && d.frames[i].s.Index < f.s.Index {
			return slices.Clone(ps[:2]), d.frames[i]
		}
	}
	// No frame had two: «وصل الأمير … وكان في استقباله الرئيس … وعقد
	// الزعيمان» are the last two people named, in the last three sentences.
	var two []*Entity
	for si := f.s.Index; si >= 0 && si > f.s.Index-3 && len(two) < 2; si-- {
		s := d.sents[si]
		for k := len(s.ments) - 1; k >= 0 && len(two) < 2; k-- {
			m := s.ments[k]
			if si == f.s.Index && m.from >= f.tr.at || m.ent.Kind != model.Person || m.ent.Unnamed || slices.Contains(two, m.ent) {
				continue
			}
			two = append(two, m.ent)
		}
	}
	if len(two) == 2 {
		return []*Entity{two[1], two[0]}, nil
	}
	return nil, nil
}

// parties is a frame's agents and others, each once. It may be the
// frame's own list of agents (when there are no others, as for talks):
// read it, never change it.
func parties(f *frame) []*Entity {
	if len(f.others) == 0 && distinctEntities(f.agents) {
		return f.agents[:len(f.agents):len(f.agents)] // (asked of every frame before: a list each time)
	}
	var out []*Entity
	for _, e := range f.agents {
		out = appendEntity(out, e)
	}
	for _, e := range f.others {
		out = appendEntity(out, e)
	}
	return out
}

// distinctEntities reports whether a list names each entity once, and no
// nil.
func distinctEntities(es []*Entity) bool {
	for i, e := range es {
		if e == nil || slices.Contains(es[:i], e) {
			return false
		}
	}
	return true
}

// resolveGroups replaces a group named by its number («القادة الثلاثة»،
// «قادة البلدان الشقيقة الثلاثة»، «الزعيمان») with the people of the last
// meeting that had that many.
func (d *doc) resolveGroups(f *frame, es []*Entity, here []*frame) []*Entity {
	var out []*Entity
	for _, e := range es {
		n := groupSize(e)
		if n == 0 || len(e.Members) > 0 {
			out = appendEntity(out, e)
			continue
		}
		var found []*Entity
		for i := len(d.frames) - 1; i >= 0 && found == nil; i-- {
			if ps := parties(d.frames[i]); people(ps) >= n && d.frames[i].typ == model.Talks {
				found = ps
			}
		}
		for i := len(here) - 1; i >= 0 && found == nil; i-- {
			if ps := parties(here[i]); people(ps) >= n {
				found = ps
			}
		}
		if found == nil {
			out = appendEntity(out, e)
			continue
		}
		for _, p := range found {
			out = appendEntity(out, p)
		}
	}
	return out
}

// groupSize reads the number a group names itself by: الثلاثة 3, الاثنين 2.
func groupSize(e *Entity) int {
	if e.Kind != model.Organisation || e.Acts {
		return 0
	}
	k := e.Key
	switch {
	case strings.Contains(k, "ثلاث"):
		return 3
	case strings.Contains(k, "اربع"):
		return 4
	case strings.Contains(k, "اثنين") || strings.Contains(k, "اثنان"):
		return 2
	}
	return 0
}

// sidesNear reads «ثنائية» (two sides) or «ثلاثية»، «الثلاثي» (three)
// beside a meeting word.
func sidesNear(toks []arabic.Token, tr trigger) int {
	for k := tr.at + tr.n; k < len(toks) && k < tr.at+tr.n+2; k++ {
		switch {
		case is(toks, k, g.bilateral):
			return 2
		case is(toks, k, g.trilateral):
			return 3
		case is(toks, k, g.quadrilateral):
			return 4
		}
	}
	return 0
}
