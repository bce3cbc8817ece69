package extract

import (
	"strings"

	"khatt/arabic"
	"khatt/lexicon"
	"khatt/model"
)

// Entities are found in two passes over the article: the first collects
// names, surnames and which titles describe whom; the second reads every
// sentence again with all of that known, so that a headline's «ولي العهد
// السعودي» or a surname seen before the full name find their person.
func (d *doc) entities() {
	d.ents = newStore(&d.sc.folds)
	for _, s := range d.sents {
		if !s.furniture {
			d.recognize(s, false)
		}
	}
	d.ents.last = nil
	for _, s := range d.sents {
		if !s.furniture {
			d.recognize(s, true)
		}
	}
}

// recognize finds the entity mentions of a sentence, left to right.
func (d *doc) recognize(s *sent, final bool) {
	toks := s.Tokens
	if s.cand == nil {
		s.cand = d.candidates(s)
	}
	out := d.mentBuf[:0] // reused sentence after sentence; kept as a copy
	for i := 0; i < len(toks); {
		if toks[i].Kind != arabic.Word {
			i++
			continue
		}
		var prev *mention
		if len(out) > 0 {
			prev = &out[len(out)-1]
		}
		c := s.cand[i]
		if c&canMedia != 0 {
			if m, ok := d.media(s, i); ok {
				out = append(out, m)
				i = m.to
				continue
			}
		}
		if c&canGovernment != 0 {
			if ms, end := d.government(s, i); len(ms) > 0 {
				out = append(out, ms...)
				i = end
				continue
			}
		}
		if c&canTitle != 0 && i > 0 && d.x.w.namedFor.Has(&toks[i-1]) && !definite(toks, i-1) {
			// «مطار الملك خالد»: the title and name are the airport's.
			if tm, ok := d.x.lx.Titles.At(toks, i); ok && d.nameWord(toks, i+tm.N) {
				k := i + tm.N
				for k < len(toks) && k < i+tm.N+4 && (d.nameWord(toks, k) || is(toks, k, kunya)) {
					k++
				}
				i = k
				continue
			}
		}
		if c&canTitle != 0 {
			if m, ok := d.titled(s, i, prev, final); ok {
				if prev != nil && m.ent == prev.ent && m.from == prev.from {
					out[len(out)-1] = m // an appositive title extends the name before it
				} else {
					out = append(out, m)
				}
				i = m.to
				continue
			}
		}
		if is(toks, i+1, g.ibn) && bareIs(toks, i+1, g.ibn) && !definite(toks, i) && !d.x.lx.Triggers.Has(toks, i) && !d.x.lx.Entities.Has(toks, i) {
			// «مساعد بن محمد العيبان»: a word before بن is a given name.
			if m, ok := d.discover(toks, i, 3); ok {
				out = append(out, m)
				i = m.to
				continue
			}
		}
		if m, ok := d.single(s, i, c); ok {
			out = append(out, m)
			i = m.to
			continue
		}
		if c&canHonorific != 0 && final {
			if a, ok := d.x.w.honorific.In(&toks[i]); ok {
				// «سموه»، «جلالته»، «سيادته»: the person the article is about.
				if p := d.ents.honoured(a.Stem); p != nil {
					out = append(out, mention{from: i, to: i + 1, ent: p, prep: prepOf(a), conj: a.Conj()})
				}
			}
		}
		i++
	}
	out = d.appositives(toks, out)
	for _, m := range out {
		if m.ent != nil && m.ent.Kind == model.Person && !m.ent.Role && !m.ent.Unnamed {
			d.ents.last = m.ent
			if !final {
				d.ents.total[m.ent]++
			}
			if final {
				d.ents.seen = append(d.ents.seen, m.ent)
				d.ents.salience[m.ent]++
				if s.Headline {
					d.ents.salience[m.ent]++
				}
			}
		}
	}
	if final && len(out) > 0 {
		s.ments = d.sc.mentions.take(len(out))
		copy(s.ments, out)
	}
	d.mentBuf = out[:0]
}

// What may start at a token, by the first test of each recogniser that
// reads only the token and the lexicon (see candidates).
const (
	canMedia uint16 = 1 << iota
	canGovernment
	canTitle
	canUnnamed
	canInstitution
	canCollective
	canGiven
	canHonorific
)

// single tries, in order, the recognisers that find one mention after
// titles (those c says may start at token i; known names always: what the
// article taught is not in c).
func (d *doc) single(s *sent, i int, c uint16) (mention, bool) {
	if c&canUnnamed != 0 {
		if m, ok := d.unnamedSource(s, i); ok {
			return m, true
		}
	}
	if m, ok := d.known(s, i); ok {
		return m, true
	}
	if c&canInstitution != 0 {
		if m, ok := d.institution(s, i); ok {
			return m, true
		}
	}
	if c&canCollective != 0 {
		if m, ok := d.collective(s, i); ok {
			return m, true
		}
	}
	if c&canGiven != 0 {
		return d.givenName(s, i)
	}
	return mention{}, false
}

// everyRecogniser has every recogniser called at every token (tests hold
// candidates to it).
var everyRecogniser = false

// candidates works out, once for both passes, which recognisers may find
// something at each token of a sentence: a recogniser whose first test
// fails is not called (most tokens start nothing; each test is its own
// first, so a recogniser skipped would have found nothing).
func (d *doc) candidates(s *sent) []uint16 {
	toks := s.Tokens
	w := &d.x.w
	lx := d.x.lx
	// The recognisers whose first test is a word set.
	heads := [...]struct {
		bit uint16
		set lexicon.WordSet
	}{{canGovernment, w.government}, {canUnnamed, w.unnamed}, {canInstitution, w.acting}, {canCollective, w.collective}, {canHonorific, w.honorific}}
	out := d.sc.uint16s.take(len(toks))
	if everyRecogniser {
		for i := range out {
			out[i] = ^uint16(0)
		}
		return out
	}
	for i := range toks {
		t := &toks[i]
		if t.Kind != arabic.Word {
			continue
		}
		var c uint16
		if m, ok := d.entityAt(s, i); ok && m.Val.Kind == model.Media || w.media.Has(t) {
			c |= canMedia
		}
		if lx.Titles.Starts(t) {
			c |= canTitle
		}
		if lx.Given.Starts(t) {
			c |= canGiven
		}
		for _, h := range heads {
			if h.set.Has(t) {
				c |= h.bit
			}
		}
		out[i] = c
	}
	return out
}

// appositives joins a title that names no one to the name set off after
// it: «الزعيم القبلي والسياسي السني عن محافظة الأنبار، غربي العراق، أحمد
// أبو ريشة،». Between the two only places and the words that place them.
func (d *doc) appositives(toks []arabic.Token, out []mention) []mention {
	for a := 0; a < len(out); a++ {
		if out[a].ent == nil || !out[a].ent.Role || out[a].ent.Unnamed || out[a].ent.Kind != model.Person {
			continue
		}
		for b := a + 1; b < len(out) && out[b].from-out[a].to <= 10; b++ {
			e := out[b].ent
			if e.Kind == model.Person && !e.Role && !e.Unnamed {
				if punct(toks, out[b].from-1, "،,") && d.onlyPlacing(toks, out, a, b) {
					out[a].ent = e
				}
				break
			}
			if !e.isPlace() {
				break
			}
		}
	}
	return out
}

// onlyPlacing reports whether the words between mentions a and b only
// place the first: places, prepositions, commas and place nouns.
func (d *doc) onlyPlacing(toks []arabic.Token, out []mention, a, b int) bool {
	inMention := func(k int) bool {
		for j := a + 1; j < b; j++ {
			if k >= out[j].from && k < out[j].to {
				return true
			}
		}
		return false
	}
	for k := out[a].to; k < out[b].from; k++ {
		switch {
		case inMention(k), punct(toks, k, "،,"), is(toks, k, g.preps):
		case toks[k].Kind == arabic.Word && (d.x.w.stop.Has(&toks[k]) || is(toks, k, g.regionWords)):
		default:
			return false
		}
	}
	return true
}

// isStop reports whether a word ends a name: a preposition, conjunction
// or other function word. Folding makes «على» and the name «علي», «أن» and
// «آن» one word; the written form tells them apart.
func (d *doc) isStop(t *arabic.Token) bool {
	if t.Kind != arabic.Word {
		return true
	}
	if !d.x.w.stop.Has(t) {
		return false // no reading is a stop word, the bare word and the whole one included
	}
	b := t.Bare()
	if !d.x.w.stop.Contains(b) && !d.x.w.stop.Contains(t.Norm) {
		return false
	}
	raw := arabic.StripMarks(t.Raw)
	switch b {
	case "علي":
		return strings.HasSuffix(raw, "ى")
	case "ان":
		return !strings.HasSuffix(raw, "آن")
	}
	return true
}

// nameWord reports whether token i may be part of a person's name.
func (d *doc) nameWord(toks []arabic.Token, i int) bool {
	if i >= len(toks) || toks[i].Kind != arabic.Word || arabic.RuneLen(toks[i].Norm) < 2 {
		return false
	}
	t := &toks[i]
	lx, w := d.x.lx, d.x.w
	if d.isStop(t) || w.unnamed.Has(t) || w.institution.Has(t) || w.government.Has(t) || w.light.Has(t) || w.media.Has(t) ||
		w.collective.Has(t) || w.honorific.Has(t) {
		return false
	}
	if lx.Titles.Has(toks, i) || lx.Triggers.Has(toks, i) || lx.Weekdays.Has(toks, i) || lx.Months.Has(toks, i) {
		return false
	}
	if lx.Set("today").Has(t) || lx.Set("yesterday").Has(t) || lx.Set("tomorrow").Has(t) || lx.Adjectives.Has(toks, i) {
		return false
	}
	if lx.Times.Has(toks, i) && i+1 < len(toks) && !lx.Given.Has(toks, i) {
		return false
	}
	if strings.ContainsRune(t.Raw, 0x064B) {
		return false // tanween: an adverb or accusative (نافيًا، سراً), no name
	}
	return true
}

// kunya words bind the next word into a name: عبد الله، أبو مازن، بن زايد.
var kunya = g.nameParticles

// discover reads a person's name of one to four words at i: it ends at
// punctuation, a stop word, a title, a trigger or a date word, and after a
// family name with the article (حيدر الملا). A known person inside the
// name ends it with that person («مصطفى الكاظمي»).
func (d *doc) discover(toks []arabic.Token, i int, minWords int) (mention, bool) {
	return d.discoverFrom(toks, i, minWords, false)
}

// discoverFrom is discover; conj lets the name start with a glued و that
// the caller has read as a conjunction («وعلي شمخاني»).
func (d *doc) discoverFrom(toks []arabic.Token, i int, minWords int, conj bool) (mention, bool) {
	// A word before بن is a given name, whatever else it is (مساعد).
	givenBeforeIbn := i < len(toks) && is(toks, i+1, g.ibn) && bareIs(toks, i+1, g.ibn) && toks[i].Kind == arabic.Word && !definite(toks, i) &&
		!d.conjGlued(toks, i) && !d.isStop(&toks[i])
	if !givenBeforeIbn && !d.nameWord(toks, i) || definite(toks, i) && !is(toks, i, kunya) || is(toks, i, g.placeNouns) {
		return mention{}, false // (nor «دولة أجنبية»: a place noun starts no name)
	}
	if toks[i].An[0].Stem != toks[i].Bare() || len(toks[i].An) > 1 && toks[i].An[1].Prep() && !d.x.lx.Given.Has(toks[i:i+1], 0) {
		// A glued preposition or conjunction (بعناق): no name starts so,
		// unless what follows it is no word we know («بيدرو سانشيز»).
		if (!d.x.lx.Given.Has(toks[i:i+1], 0) && d.gluedPrepReading(&toks[i])) || d.conjGlued(toks, i) && !conj {
			return mention{}, false
		}
	}
	limit := 2
	if d.x.lx.Given.Has(toks, i) || is(toks, i, kunya) || givenBeforeIbn {
		limit = 3
	}
	j := i + 1
	for j < len(toks) && (j-i < limit || is(toks, j-1, kunya) && j-i < limit+1) { // «ستافان دي ميستورا»: a particle binds the next word
		if is(toks, j-1, kunya) {
			limit++ // "محمد بن عبد الرحمن آل ثاني"
		}
		if m, ok := d.x.lx.Entities.At(toks, j); ok && !is(toks, j, kunya) && !is(toks, j-1, g.lineage) {
			if m.Reading.Conj() || m.Reading.Prep() {
				break // «بن سلمان ونتنياهو»: another name starts
			}
			if m.Val.Kind == model.Person {
				p := d.ents.known(m.Val)
				return mention{from: i, to: j + m.N, ent: p}, true
			}
			break // "مارك روته أنقرة": a place or body ends the name
		}
		if !d.nameWord(toks, j) && !(is(toks, j-1, kunya) && toks[j].Kind == arabic.Word) {
			break
		}
		if d.conjGlued(toks, j) && !is(toks, j-1, kunya) && !ownWaw(&toks[j]) {
			if d.ents.surname(toks[j].Bare()) == nil {
				break // "ووكيل": a new phrase starts
			}
		}
		j++
		if definite(toks, j-1) && !is(toks, j-2, kunya) && !is(toks, j, kunya) {
			break // a family name with ال ends the name
		}
	}
	if j-i == 2 && limit == 2 && !is(toks, j-1, kunya) && d.nameWord(toks, j) && !definite(toks, j) && !d.conjGlued(toks, j) &&
		!d.x.lx.Entities.Has(toks, j) && (j+1 >= len(toks) || toks[j+1].Kind != arabic.Word || d.isStop(&toks[j+1])) {
		// «خوسيه مانويل ألباريس»: a third word that ends where a name does
		// (at punctuation or a particle) is the family name.
		j++
	}
	for j > i+1 && is(toks, j-1, kunya) {
		j--
	}
	if bareIs(toks, j, g.nameSuffixes) {
		j++ // «مولود تشاووش أوغلو»
	}
	if j-i < minWords {
		return mention{}, false
	}
	raw := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		raw = append(raw, toks[k].Raw)
	}
	if conj {
		raw[0] = strings.TrimPrefix(arabic.StripMarks(raw[0]), "و") // «وعلي» names علي
	}
	name := strings.Join(raw, " ")
	if d.conjGlued(toks, i) && !conj {
		return mention{}, false
	}
	return mention{from: i, to: j, ent: d.ents.person(stripTatweel(name))}, true
}

func stripTatweel(s string) string { return strings.ReplaceAll(s, "ـ", "") }

// known matches the lexicon or a name this article has taught (a surname)
// at token i.
func (d *doc) known(s *sent, i int) (mention, bool) {
	toks := s.Tokens
	m, ok := d.entityAt(s, i)
	if ok && is(toks, i, g.ibn) && i > 0 && d.nameWord(toks, i-1) {
		ok = false // "عبد الله بن زايد" is not "بن زايد"
	}
	n := 0 // tokens the name spans
	if ok {
		n = m.N
	}
	if ok && m.Val.Kind == model.Person && i > 0 && d.x.lx.Given.Has(toks, i-1) && !d.x.lx.Titles.Has(toks, i-1) && !isAlaa(&toks[i-1]) {
		// «مصطفى الكاظمي» listed as «الكاظمي»: the given name before is his.
		if k, in := s.mentionAt(i - 1); !in || k < 0 {
			i--
			n++
		}
	}
	if ok {
		e := d.ents.known(m.Val)
		end := i + n
		if e.Kind == model.Person {
			end = d.patronymics(toks, end)
		}
		x := mention{from: i, to: end, ent: e, conj: m.Reading.Conj()}
		x.prep = prepOf(m.Reading)
		return x, true
	}
	// A surname the article has taught: "زيارة حسين".
	for _, a := range toks[i].An {
		if p := d.ents.surname(a.Stem); p != nil && arabic.RuneLen(a.Stem) >= 3 {
			prep, conj := prepOf(a), a.Conj()
			if wholeSurname(&toks[i], p) {
				prep, conj = "", false // «بيربوك»: the name's own ب, no preposition
			}
			from := i
			if bareIs(toks, i, g.nameSuffixes) && i > 0 && beforeSurname(&toks[i-1], p) {
				from = i - 1 // «تشاووش أوغلو»: the suffix binds the word before
				prep, conj = prepOf(lastReading(&toks[i-1])), lastReading(&toks[i-1]).Conj()
			}
			return mention{from: from, to: d.patronymics(toks, i+1), ent: p, prep: prep, conj: conj}, true
		}
	}
	return mention{}, false
}

// patronymics extends a name over «بن X», «آل X»: «محمد بن سلمان بن
// عبدالعزيز آل سعود».
func (d *doc) patronymics(toks []arabic.Token, end int) int {
	for end+1 < len(toks) && is(toks, end, g.lineage) && toks[end+1].Kind == arabic.Word && !d.isStop(&toks[end+1]) {
		end += 2
		if end < len(toks) && is(toks, end-1, g.abd) {
			end++
		}
	}
	return end
}

func prepOf(a arabic.Analysis) string {
	if !a.Prep() {
		return ""
	}
	p := a.Pre
	if a.Conj() {
		p = p[len("و"):]
	}
	for _, l := range []string{"ب", "ل", "ك"} {
		if strings.HasPrefix(p, l) {
			return l
		}
	}
	return ""
}

// givenName discovers a name that starts with a known given name and has
// at least one more word: "نصر الشمري", "أحمد أبو ريشة".
func (d *doc) givenName(s *sent, i int) (mention, bool) {
	toks := s.Tokens
	gm, ok := d.x.lx.Given.At(toks, i)
	if !ok || gm.Reading.Prep() || gm.Reading.Conj() && gm.Reading.Pre != "و" || isAlaa(&toks[i]) {
		return mention{}, false
	}
	m, ok := d.discoverFrom(toks, i, 2, gm.Reading.Conj())
	if !ok {
		return mention{}, false
	}
	m.conj = gm.Reading.Conj()
	return m, true
}

// isAlaa reports whether a token is the preposition «على» as written
// (with its alef maqsura), which folds to the name «علي»: «ضغوط على
// الكاظمي» names no Ali al-Kadhimi.
func isAlaa(t *arabic.Token) bool {
	raw := arabic.StripMarks(t.Raw)
	raw = strings.TrimPrefix(strings.TrimPrefix(raw, "و"), "ف")
	return raw == "على"
}

// media reads a medium: a media noun with the name after it («قناة
// الإخبارية السعودية»، «صحيفة يديعوت أحرونوت»، «القناة 12 العبرية»، «إذاعة
// الجيش الإسرائيلي»، «وكالة رويترز»), or one the gazetteer knows.
func (d *doc) media(s *sent, i int) (mention, bool) {
	toks := s.Tokens
	if m, ok := d.entityAt(s, i); ok && m.Val.Kind == model.Media {
		return mention{from: i, to: i + m.N, ent: d.ents.known(m.Val), prep: prepOf(m.Reading)}, true
	}
	head, ok := d.x.w.media.In(&toks[i])
	if !ok {
		return mention{}, false
	}
	j := i + 1
	for j < len(toks) && j <= i+4 {
		t := &toks[j]
		if t.IsPunct("\"«»“”'") || t.Kind == arabic.Number {
			j++
			continue
		}
		if t.Kind != arabic.Word || d.isStop(t) || d.x.lx.Triggers.Has(toks, j) || d.x.lx.Weekdays.Has(toks, j) {
			break
		}
		j++
	}
	name := strings.TrimSpace(d.text[toks[i].Start:toks[j-1].End])
	return mention{from: i, to: j, ent: &Entity{Name: name, Key: d.ents.folds.fold(name), Kind: model.Media}, prep: prepOf(head), conj: head.Conj()}, true
}

// government reads "الجانبان العراقي والأمريكي"، "الحكومة الإيرانية"،
// "الرئاسة التونسية"، "الجانب الإماراتي": the countries (or the country's
// institution) named by adjectives after a head word.
func (d *doc) government(s *sent, i int) ([]mention, int) {
	toks := s.Tokens
	head, ok := d.x.w.government.In(&toks[i])
	if !ok {
		return nil, i
	}
	var out []mention
	j := i + 1
	for j < len(toks) {
		if punct(toks, j, "،,–-") && len(out) > 0 {
			j++
			continue
		}
		a, ok := d.x.lx.Adjectives.At(toks, j)
		if !ok {
			break
		}
		out = append(out, mention{from: i, to: j + a.N, ent: d.ents.known(a.Val)})
		j += a.N
	}
	if len(out) == 0 {
		return nil, i
	}
	stem := strings.TrimPrefix(head.Stem, "ال")
	switch stem {
	case "رئاسه", "خارجيه", "دبلوماسيه", "قياده", "برلمان", "وفد":
		// An institution of the country: it acts in its own name.
		if len(out) == 1 {
			name := strings.TrimSpace(d.text[toks[i].Start:toks[j-1].End])
			name = strings.TrimPrefix(strings.TrimPrefix(name, "و"), "ف")
			e := d.ents.byKey[d.ents.folds.fold(name)]
			if e == nil {
				e = &Entity{Name: stripTatweel(name), Key: d.ents.folds.fold(name), Kind: model.Organisation, Country: out[0].ent.Name, Acts: true}
				d.ents.byKey[e.Key] = e
			}
			out = []mention{{from: i, to: j, ent: e}}
		}
	}
	conj := head.Conj()
	prep := prepOf(head)
	for k := range out {
		out[k].conj, out[k].prep = conj, prep
		out[k].to = j
	}
	return out, j
}

// collective reads a group that acts together: «وفد المقدمة»، «وفد من
// …»، «ممثلين عن روسيا والولايات المتحدة وأوكرانيا»، «قادة الفصائل».
func (d *doc) collective(s *sent, i int) (mention, bool) {
	toks := s.Tokens
	if !d.x.w.collective.Has(&toks[i]) {
		return mention{}, false
	}
	j := i + 1
	var members []*Entity
	if (is(toks, j, g.from) || is(toks, j, g.of) || bareIs(toks, j, g.an)) && (d.x.lx.Entities.Has(toks, j+1) || d.x.lx.Adjectives.Has(toks, j+1) ||
		d.x.w.collective.Has(&toks[j+1]) && definite(toks, j+1)) {
		j++ // «وفد من العراق»، «ممثلين عن روسيا»، «مجموعة من الميليشيات» (but «القادة من جديد»)
	}
	for j < len(toks) && j <= i+10 {
		if punct(toks, j, "،,") || toks[j].Norm == "و" {
			j++
			continue
		}
		if m, ok := d.entityAt(s, j); ok && m.Val.Kind != model.Media && m.Val.Kind != model.Person {
			members = append(members, d.ents.known(m.Val))
			j += m.N
			continue
		}
		if a, ok := d.x.lx.Adjectives.At(toks, j); ok {
			members = append(members, d.ents.known(a.Val))
			j += a.N
			continue
		}
		if j <= i+3 && toks[j].Kind == arabic.Word && definite(toks, j) && !d.isStop(&toks[j]) && !d.x.lx.Triggers.Has(toks, j) {
			j++ // «وفد المقدمة»، «قادة الفصائل»، «قادة البلدان الشقيقة الثلاثة»
			continue
		}
		if j <= i+3 && !definite(toks, i) && toks[j].Kind == arabic.Word && !definite(toks, j) && strings.HasSuffix(toks[j].Raw, "ة") && !d.conjGlued(toks, j) &&
			!d.isStop(&toks[j]) && !d.x.lx.Triggers.Has(toks, j) && !d.isDateWord(toks, j) {
			// «فصائل مسلحة»: a broken plural takes a feminine adjective,
			// which no verb looks like.
			j++
			continue
		}
		break
	}
	for j > i+1 && (punct(toks, j-1, "،,") || toks[j-1].Norm == "و") {
		j--
	}
	if j == i+1 && len(members) == 0 {
		return mention{}, false // «الرؤساء»، «القادة»: generic, no actor
	}
	head, _ := d.x.w.collective.In(&toks[i])
	name := d.surface(toks, i, j, head)
	key := d.ents.folds.fold(name)
	e := d.ents.byKey[key]
	if e == nil {
		e = &Entity{Name: name, Key: key, Kind: model.Organisation, Members: members}
		if len(members) == 1 {
			e.Country = members[0].Country
		}
		d.ents.byKey[key] = e
	}
	return mention{from: i, to: j, ent: e, conj: head.Conj(), prep: prepOf(head)}, true
}

// unnamedSource reads an unnamed source and the nationality it is given:
// «مصادر عراقية مطلعة»، «مسؤول أمريكي»، «سياسي شيعي عراقي». It speaks, but
// makes no statement of its own; as a mention it keeps the verb's subject
// from being taken for someone else.
func (d *doc) unnamedSource(s *sent, i int) (mention, bool) {
	toks := s.Tokens
	head, ok := d.x.w.unnamed.In(&toks[i])
	if !ok || d.x.lx.Given.Has(toks, i+1) || d.isDateWord(toks, i) {
		return mention{}, false // («المصدر» is the source named before; «الأحد» a day)
	}
	j := i + 1
	for j < len(toks) && j <= i+4 {
		a, ok := d.x.lx.Adjectives.At(toks, j)
		if !ok {
			break
		}
		j += a.N
	}
	name := d.surface(toks, i, j, head)
	return mention{from: i, to: j, ent: &Entity{Name: name, Kind: model.Person, Unnamed: true, Role: true}, conj: head.Conj(), prep: prepOf(head)}, true
}

// institution reads a body that acts in its own name: «المكتب الإعلامي
// لرئيس مجلس الوزراء العراقي»، «رئاسة الجمهورية»، «وزارة الخارجية
// السودانية». The country comes from an adjective or a place in its name.
func (d *doc) institution(s *sent, i int) (mention, bool) {
	toks := s.Tokens
	head, ok := d.x.w.acting.In(&toks[i])
	if !ok {
		return mention{}, false
	}
	if !definite(toks, i) && !definite(toks, i+1) {
		return mention{}, false // «مجلس» alone, «وزارة» + indefinite: no named body
	}
	j := i + 1
	country := ""
	for j < len(toks) && j <= i+7 {
		t := &toks[j]
		if t.Kind != arabic.Word || d.isStop(t) || d.isDateWord(toks, j) || is(toks, j, g.comp) || d.x.lx.Triggers.Has(toks, j) && !definite(toks, j) {
			break
		}
		if m, ok := d.x.lx.Entities.At(toks, j); ok {
			if m.Val.Kind == model.Person || m.Val.Kind == model.Media {
				break
			}
			if country == "" {
				country = m.Val.Country()
			}
			j += m.N
			continue
		}
		if a, ok := d.x.lx.Adjectives.At(toks, j); ok {
			if country == "" {
				country = a.Val.Name
			}
			j += a.N
			continue
		}
		if tm, ok := d.x.lx.Titles.At(toks, j); ok && prepOf(tm.Reading) == "ل" {
			j += tm.N // «المكتب الإعلامي لرئيس مجلس الوزراء»
			continue
		}
		if !definite(toks, j) {
			break
		}
		j++
	}
	if j == i+1 && !definite(toks, i) {
		return mention{}, false
	}
	name := d.surface(toks, i, j, head)
	key := "org:" + d.ents.folds.fold(name)
	e := d.ents.byKey[key]
	if e == nil {
		e = &Entity{Name: name, Key: key, Kind: model.Organisation, Country: country, Acts: true}
		d.ents.byKey[key] = e
	}
	return mention{from: i, to: j, ent: e, conj: head.Conj(), prep: prepOf(head)}, true
}

// wholeSurname reports whether a word is, letter for letter, the last word
// of the person's name as written: «بيربوك» of «أنالينا بيربوك» starts
// with ب, no clitic.
func wholeSurname(t *arabic.Token, p *Entity) bool {
	name := arabic.StripMarks(p.Name)
	last := name[strings.LastIndexByte(name, ' ')+1:]
	return arabic.StripMarks(t.Raw) == last
}

// beforeSurname reports whether a word is the one before the last in the
// person's name as written («تشاووش» of «مولود تشاووش أوغلو»).
func beforeSurname(t *arabic.Token, p *Entity) bool {
	words := strings.Fields(arabic.StripMarks(p.Name))
	return len(words) >= 2 && arabic.Normalize(words[len(words)-2]) == t.Bare()
}

// gluedPrepReading reports whether a word reads best as a glued ب، ل or ك
// before a word: the rest has the article («بالرياض») or is a word the
// lexicon knows («بعناق» is no name, nor «لقاء»); «بيدرو» reads as itself.
func (d *doc) gluedPrepReading(t *arabic.Token) bool {
	for _, a := range t.An {
		if a.Prep() && (strings.HasPrefix(a.Stem, "ال") || strings.HasSuffix(a.Pre, "ال") || d.knownWord(a.Stem)) {
			return true
		}
	}
	return t.Kind == arabic.Word && strings.ContainsRune(t.Raw, 0x064B) // tanween: a noun, no name
}

// ownWaw reports whether a word inside a name keeps its و: what would
// follow a conjunction is too short to be a word of its own and starts as
// no Arabic word does after و («بيني وونغ»، «تشانغ وانغ»).
func ownWaw(t *arabic.Token) bool {
	rest, ok := strings.CutPrefix(t.Norm, "و")
	return ok && arabic.RuneLen(rest) <= 3 && (strings.HasPrefix(rest, "و") || strings.HasPrefix(rest, "ا") && !strings.HasPrefix(rest, "ال"))
}
