package timeline

import (
	"strings"

	"khatt/model"
)

// Who acts: the subject of a trigger, the people it involves, and the place.

var (
	restating   = wordSet("في", "خلال", "ب")
	subjunctive = wordSet("ان", "لكي", "كي")
)

// subject finds who acts: for a verb, the first actor after it, else the
// last one before it in the same clause; for a noun, the actor named after
// it (زيارة قاآني), else the subject of the verb that carries it. It
// reports attribution when the speaker is an unnamed source.
func (d *docState) subject(s *sentence, tr trigger) ([]*Entity, bool) {
	toks := s.toks
	speaker := tr.info.typ == model.Statement
	forward := func(limit int, allowPrep bool) ([]*Entity, bool) {
		for k := tr.at + tr.n; k < len(toks) && k < tr.at+tr.n+limit; k++ {
			if is(toks, k, complementizers) || punctIs(toks, k, ":.؟?") || s.isTrigAt(k, tr) {
				return nil, false
			}
			if es, ok := s.entAt[k]; ok {
				e := es[0]
				// Media report, places are visited, and a separate preposition
				// (إلى، من، على …) marks an object; a glued ل may mark a
				// noun's genitive (زيارة لمتزعم فيلق القدس). "كل من" is not one.
				objectPrep := is(toks, k-1, prepositions2) && !is(toks, k-2, allWord)
				if e.ent.Kind == model.Media || (e.prep && !allowPrep) || objectPrep || venue(e.ent) ||
					(tr.info.typ == model.Visit && (e.ent.Kind == model.Place || e.ent.Kind == model.Country)) {
					k = e.to - 1
					continue
				}
				return d.coordinated(s, es), false
			}
			if speaker && toks[k].Kind == Word && d.isUnnamed(toks[k]) {
				return nil, true
			}
		}
		return nil, false
	}
	backward := func(limit int) ([]*Entity, bool) {
		for k := tr.at; k > 0 && k > tr.at-limit; k-- {
			if e, ok := s.entEnd[k]; ok && !e.prep && !is(toks, e.from-1, prepositions2) && e.ent.Kind != model.Media {
				if venue(e.ent) || tr.info.typ == model.Visit && (e.ent.Kind == model.Place || e.ent.Kind == model.Country) {
					continue
				}
				return d.coordinated(s, s.entAt[d.firstConjunct(s, e).from]), false
			}
			j := k - 1
			if is(toks, j, complementizers) || is(toks, j, clauseOpeners) || punctIs(toks, j, ":.") || s.isVerbAt(j, tr) {
				return nil, false
			}
			// "مصادر أمنية قالت": an unnamed speaker right before the verb.
			if speaker && j >= tr.at-3 && toks[j].Kind == Word && d.isUnnamed(toks[j]) && !is(toks, j-1, prepositions2) && !punctBetween(toks, j, tr.at) {
				return nil, true
			}
		}
		return nil, false
	}
	if tr.info.continuation {
		// "وأضاف المسؤولان" names its speaker at once; "وأضاف أن …" carries on.
		return forward(3, false)
	}
	if tr.info.verb {
		// "الكاظمي يهدد إيران": a subject right before a verb that opens no
		// new clause (no glued و) is the subject.
		at := tr.at
		if is(toks, at-1, qadWords) {
			at-- // "وكان ميقاتي قد التقى"
		}
		if e, ok := s.entEnd[at]; ok && !e.prep && e.ent.Kind != model.Media && !conjGlued(toks[tr.at], "") &&
			!is(toks, e.from-1, prepositions2) && !(tr.info.typ == model.Visit && (e.ent.Kind == model.Place || e.ent.Kind == model.Country)) {
			return d.coordinated(s, s.entAt[e.from]), false
		}
		if a, attr := forward(8, false); a != nil || attr {
			return a, attr
		}
		if p := s.previousVerb(tr); p != nil && s.attributedAt < p.trigStart &&
			(strings.HasPrefix(toks[tr.at].Norm, "و") || is(toks, tr.at-1, clauseOpeners)) {
			// "والتقى الصفدي عبد المهدي، وبحث معه": a second verb keeps the subject.
			return p.actors[:1], false
		}
		return backward(15)
	}
	if lv := d.lightVerbBefore(toks, tr.at); lv >= 0 {
		// "أجرى قاآني لقاءات", "الكاظمي بعث رسالة": the carrying verb's subject,
		// right after it or right before it.
		if es, ok := s.entAt[lv+1]; ok && lv+1 < tr.at && !es[0].prep && es[0].ent.Kind != model.Media {
			return d.coordinated(s, es), false
		}
		if e, ok := s.entEnd[lv]; ok && !e.prep && e.ent.Kind != model.Media && !is(toks, e.from-1, prepositions2) {
			return d.coordinated(s, s.entAt[e.from]), false
		}
		if lv+1 < tr.at && toks[lv+1].Kind == Word && d.isUnnamed(toks[lv+1]) {
			return nil, true
		}
		if lv+1 < tr.at && is(toks, lv+1, dualHeads) {
			if pair := d.pair(s); pair != nil {
				return pair, false // "حيث عقد الجانبان جلسة مباحثات", "وعقد الزعيمان …"
			}
		}
		if tr.info.typ == model.Talks {
			return d.sides(toks, tr), false
		}
		return forward(6, true)
	}
	if tr.info.typ == model.Talks {
		// "المحادثات الاستراتيجية الأمريكية – العراقية": the sides as adjectives.
		if sides := d.sides(toks, tr); len(sides) > 0 {
			return sides, false
		}
		if a, attr := backward(6); a != nil || attr {
			return a, attr
		}
		return forward(4, false)
	}
	if definite(toks[tr.at]) || is(toks, tr.at-1, demonstratives) {
		// A definite noun takes no bare genitive: "الزيارة … لمتزعم فيلق
		// القدس" names its actor with ل, "هذه الرسالة" points back.
		if a := d.lGenitive(s, tr); a != nil {
			return a, false
		}
		return nil, false
	}
	if a, attr := forward(6, true); a != nil || attr || tr.info.objectOnly {
		return a, attr
	}
	return d.nounSubject(s, tr), false
}

// nounSubject finds the actor written just before an event noun, in the same
// phrase: "تتوج واشنطن وبغداد حوارا". It stops at punctuation, a clause
// break, or another trigger.
func (d *docState) nounSubject(s *sentence, tr trigger) []*Entity {
	for k := tr.at; k > 0 && k > tr.at-4; k-- {
		if e, ok := s.entEnd[k]; ok {
			if e.prep || is(s.toks, e.from-1, prepositions2) || e.ent.Kind == model.Media || venue(e.ent) ||
				tr.info.typ == model.Visit && (e.ent.Kind == model.Place || e.ent.Kind == model.Country) {
				return nil
			}
			return d.coordinated(s, s.entAt[d.firstConjunct(s, e).from])
		}
		j := k - 1
		if s.toks[j].Kind == Punct || is(s.toks, j, complementizers) || s.isTrigAt(j, tr) {
			return nil
		}
	}
	return nil
}

// firstConjunct walks back from "وبغداد" to "واشنطن" in "واشنطن وبغداد".
func (d *docState) firstConjunct(s *sentence, e entMention) entMention {
	for e.conj {
		k := e.from
		if punctIs(s.toks, k-1, "،,") {
			k--
		}
		p, ok := s.entEnd[k]
		if !ok || (p.ent.Kind == model.Person) != (e.ent.Kind == model.Person) || p.prep || is(s.toks, p.from-1, prepositions2) {
			break
		}
		e = p
	}
	return e
}

var (
	allWord  = wordSet("كل")
	qadWords = wordSet("قد", "لقد")
)

// clauseOpeners start a new clause whose verb has the same subject as the
// one before ("… كما ناقش …").
var clauseOpeners = wordSet("كما", "ثم", "بينما", "فيما")

// lGenitive finds the actor of a definite noun named with ل within a few
// words: "الزيارة غير المعلنة لمتزعم فيلق القدس".
func (d *docState) lGenitive(s *sentence, tr trigger) []*Entity {
	for k := tr.at + tr.n; k < len(s.toks) && k < tr.at+tr.n+5; k++ {
		if s.isTrigAt(k, tr) || is(s.toks, k, complementizers) {
			return nil
		}
		es, ok := s.entAt[k]
		if !ok {
			continue
		}
		lSeparate := s.toks[k-1].Kind == Word && s.toks[k-1].Norm == "ل" || k >= 2 && s.toks[k-2].Norm == "ل"
		if (es[0].prep && strings.HasPrefix(conjStripped(s.toks[k])[len(conjStripped(s.toks[k]))-1], "ل") || lSeparate) &&
			es[0].ent.Kind != model.Media && !(tr.info.typ == model.Visit && (es[0].ent.Kind == model.Place || es[0].ent.Kind == model.Country)) {
			return d.coordinated(s, es)
		}
		return nil
	}
	return nil
}

// partners returns the named parties of talks introduced by مع or بين.
func (d *docState) partners(s *sentence, tr trigger) []*Entity {
	for k := tr.at + tr.n; k < len(s.toks) && k < tr.at+tr.n+10; k++ {
		if s.isTrigAt(k, tr) || is(s.toks, k, complementizers) {
			return nil
		}
		if es, ok := s.entAt[k]; ok && (is(s.toks, k-1, withWords) || is(s.toks, k-1, betweenWord)) && es[0].ent.Kind != model.Media {
			return d.coordinated(s, es)
		}
	}
	return nil
}

func punctBetween(toks []Token, lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if toks[k].Kind == Punct {
			return true
		}
	}
	return false
}

// sides reads the nationality adjectives after a talks noun.
func (d *docState) sides(toks []Token, tr trigger) []*Entity {
	var out []*Entity
	for k := tr.at + tr.n; k < len(toks) && k < tr.at+tr.n+5; k++ {
		if punctIs(toks, k, "–-") {
			continue
		}
		if e, n := d.lx.adjectives.match(toks, k); n > 0 {
			out = appendEntity(out, e)
			k += n - 1
			continue
		}
		if toks[k].Kind != Word || !definite(toks[k]) {
			break
		}
	}
	return out
}

var purposeWords = wordSet("بهدف", "بغيه", "اجل", "لاجل", "لعقد", "لاجراء", "قصد")

// purpose reports whether the noun at i says what the event before it was
// for: "للقاء قادة الفصائل", "بهدف عقد اجتماعات".
func (d *docState) purpose(toks []Token, i int) bool {
	t := toks[i]
	if strings.HasPrefix(t.Norm, "ل") && prepGlued(t, t.Forms[len(t.Forms)-1]) {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if is(toks, k, purposeWords) {
			return true
		}
	}
	return false
}

// lightVerbBefore returns the index of a carrying verb (عقد، أجرى، بعث)
// a few words before the noun at i, with its subject between them
// ("وأصدر الجانبان العراقي والأمريكي، الأربعاء، بيانات"), or -1.
func (d *docState) lightVerbBefore(toks []Token, i int) int {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if toks[k].Kind != Word || is(toks, k, complementizers) {
			if punctIs(toks, k, ":.") || is(toks, k, complementizers) {
				return -1
			}
			continue
		}
		if d.inSet(toks[k], d.lx.light) {
			return k
		}
		for _, f := range conjStripped(toks[k]) {
			if rest, ok := strings.CutPrefix(f, "س"); ok && d.lx.light[rest] {
				return k
			}
		}
	}
	return -1
}

// coordinated extends actors with those joined to them by و: "الكاظمي
// وبايدن", "كل من رئيس الوزراء …، والرئيس الأمريكي …".
func (d *docState) coordinated(s *sentence, first []entMention) []*Entity {
	var out []*Entity
	end := 0
	for _, e := range first {
		out = appendEntity(out, actorOf(e.ent))
		end = max(end, e.to)
	}
	for k := end; k < len(s.toks); {
		if punctIs(s.toks, k, "،,") {
			k++
			continue
		}
		es, ok := s.entAt[k]
		if !ok || !es[0].conj || es[0].ent.Kind == model.Media || es[0].prep {
			break
		}
		for _, e := range es {
			out = appendEntity(out, actorOf(e.ent))
			k = max(k, e.to)
		}
	}
	return out
}

// definiteReference resolves a definite event noun with no actor of its own
// ("في المحادثات", "هذه الزيارة") to the last event of its type in the
// article.
func (d *docState) definiteReference(toks []Token, tr trigger, here, prev []*candidate, planned bool) []*Entity {
	if tr.info.verb || !definite(toks[tr.at]) && !is(toks, tr.at-1, demonstratives) {
		return nil
	}
	lemma := lemmaOf(toks[tr.at])
	var fallback []*Entity
	for _, cs := range [][]*candidate{here, prev} {
		for i := len(cs) - 1; i >= 0; i-- {
			if cs[i].typ != tr.info.typ || !sameLemma(cs[i].lemma, lemma) {
				continue
			}
			if cs[i].planned == planned {
				return subjects(cs[i])
			}
			if fallback == nil {
				fallback = subjects(cs[i])
			}
		}
	}
	if fallback == nil && tr.info.typ == model.Talks && is(toks, tr.at-1, duringWords) {
		// "وجرى خلال اللقاء": the meeting just told, or a reception (استقبل).
		for _, cs := range [][]*candidate{here, prev} {
			if len(cs) == 0 {
				continue
			}
			p := cs[len(cs)-1]
			if p.typ == model.Talks || p.typ == model.Visit && p.host {
				return p.actors[:min(2, len(p.actors))]
			}
		}
	}
	return fallback
}

// lemmaOf is a trigger word without clitics; sameLemma compares two of them
// allowing a plural or pronoun ending (اجتماع / الاجتماعات).
func lemmaOf(t Token) string { return t.Forms[len(t.Forms)-1] }

func sameLemma(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	a = strings.TrimSuffix(a, "ه")
	return a != "" && strings.HasPrefix(b, a)
}

var demonstratives = wordSet("هذه", "هذا", "تلك", "ذلك")

// pair is who "the two" (الجانبان، الزعيمان، الرجلان) are: the two first
// actors of the last event with two, in this sentence or the article.
func (d *docState) pair(s *sentence) []*Entity {
	for i := len(s.found) - 1; i >= 0; i-- {
		if len(s.found[i].actors) >= 2 {
			return s.found[i].actors[:2]
		}
	}
	return d.lastPair
}

// venue reports whether an entity is a place that stands for no
// government: it hosts events ("محادثات جدة") but never acts.
func venue(e *Entity) bool { return e.Kind == model.Place && e.StandsFor == "" }

// actorOf turns a capital that acts into the country it stands for.
func actorOf(e *Entity) *Entity {
	if e.Kind == model.Place && e.StandsFor != "" {
		return &Entity{Name: e.StandsFor, Kind: model.Country}
	}
	return e
}

func appendEntity(list []*Entity, e *Entity) []*Entity {
	for _, x := range list {
		if x.Name == e.Name {
			return list
		}
	}
	return append(list, e)
}

// implicitSubject finds the actor of a verb with no subject of its own: the
// verb continues the sentence's previous event (ودعا إلى الهدوء), or a
// continuation (وأضاف) or a verb opening the sentence carries on the
// previous sentences' actor.
func (d *docState) implicitSubject(s *sentence, tr trigger, prev []*candidate, sent int) []*Entity {
	toks, here := s.toks, s.found
	if !tr.info.verb && d.lightVerbBefore(toks, tr.at) < 0 && is(toks, tr.at-1, restating) {
		// "وصل قاآني إلى بغداد، في زيارة سرية": the noun restates the event.
		if p := lastOf(here, tr.info.typ); p != nil {
			return subjects(p)
		}
	}
	if !tr.info.verb && tr.info.typ == model.Visit {
		// "زيارة حسين إلى القاهرة ضمن جولة بدأها … بزيارة عمّان": a leg of
		// the same journey.
		if p := lastOf(here, model.Visit); p != nil {
			return subjects(p)[:1]
		}
	}
	if tr.info.verb && is(toks, tr.at-1, subjunctive) && len(here) > 0 {
		// "ومن المقرر أن يتجه إلى دمشق": the subject of the sentence.
		return subjects(here[len(here)-1])
	}
	glued := tr.info.verb && (strings.HasPrefix(toks[tr.at].Norm, "و") || strings.HasPrefix(toks[tr.at].Norm, "ف") || is(toks, tr.at-1, clauseOpeners))
	carried := false
	if lv := d.lightVerbBefore(toks, tr.at); !tr.info.verb && lv >= 0 {
		carried = strings.HasPrefix(toks[lv].Norm, "و") || strings.HasPrefix(toks[lv].Norm, "ف")
	}
	if len(here) > 0 && (glued || carried || tr.info.continuation) {
		if hasVerbBefore(s, tr) {
			// The subject of the verb before, if that verb made an event.
			if p := s.previousVerb(tr); p != nil {
				return p.actors[:1]
			}
			return nil
		}
		return here[len(here)-1].actors[:1]
	}
	opening := tr.at <= 2 || carried && tr.at <= 4
	if (tr.info.continuation || ((glued || carried) && opening)) && len(prev) > 0 {
		// The next sentence carries on its speaker, unless it was told on
		// someone else's authority ("ووفقا لوكالة …" then "وأوضحت أن …").
		if d.attributed == sent-1 && !tr.info.continuation {
			return nil
		}
		p := lastOf(prev, tr.info.typ)
		if p != nil && sent-p.sent <= 2 {
			return p.actors[:1]
		}
	}
	return nil
}

// participants adds who else takes part and where: the people met (مع،
// ب، بين, or the object of the verb), the place visited, the venue.
func (d *docState) participants(c *candidate, s *sentence, tr trigger) {
	toks := s.toks
	end := len(toks)
	for _, o := range s.trigs {
		if o.at > tr.at && (o.info.verb || c.typ == model.Visit) {
			end = o.at
			break
		}
	}
	object := tr.info.verb
	lastWasParticipant := false
	for _, e := range s.ents {
		if e.from < tr.at+tr.n || e.from >= end || e.from > tr.at+tr.n+20 {
			continue
		}
		if crosses(toks, tr.at+tr.n, e.from) || is(toks, e.from-1, complementizers) {
			break
		}
		introduced := is(toks, e.from-1, withWords) || is(toks, e.from-1, betweenWord) ||
			strings.HasPrefix(toks[e.from].Norm, "ب") && e.prep || lastWasParticipant && e.conj
		switch {
		case e.ent.Kind == model.Media:
			continue
		case e.ent.Kind == model.Place && c.place == nil && (c.typ == model.Visit || is(toks, e.from-1, inWord) || e.prep):
			c.place = e.ent
			continue
		case c.typ == model.Visit && e.ent.Kind == model.Country && c.place == nil:
			c.place = e.ent
			continue
		}
		isSubject := false
		for _, a := range c.actors {
			if a == e.ent || a.Name == actorOf(e.ent).Name {
				isSubject = true
			}
		}
		if isSubject {
			continue
		}
		if (c.typ == model.Talks || c.typ == model.Visit && tr.info.host) && (introduced || object && !e.prep) &&
			(e.ent.Kind != model.Place || e.ent.StandsFor != "") {
			c.actors = appendEntity(c.actors, actorOf(e.ent))
			lastWasParticipant = true
			object = false
			continue
		}
		lastWasParticipant = false
	}
}
