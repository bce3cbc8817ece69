package timeline

import (
	"strings"
	"unicode/utf8"

	"khatt/model"
)

// entMention is an actor or place found in a sentence: tokens [from, to).
type entMention struct {
	from, to int
	ent      *Entity
	prep     bool // introduced by a preposition glued to it (للكاظمي, بوزارة)
	conj     bool // joined by a glued و or ف (والكاظمي)
	title    bool // found through a title ("وزير الخارجية …")
}

// docState is what the extractor remembers while reading one article.
type docState struct {
	lx         *Lexicon
	people     map[string]*Entity // one entity per discovered full name, by normalised name
	names      matcher[*Entity]   // names discovered in this article, with surnames
	titles     map[string]*Entity // title key ("رئيس الوزراء", "org:فيلق القدس") → person
	lastActor  *Entity
	lastSides  []*Entity // the countries last named as sides ("الجانبان العراقي والأمريكي")
	attributed int       // index of the last sentence told on an outlet's or unnamed source's authority
	aliased    map[*Entity]bool
	lastPair   []*Entity // the two first actors of the last event that had two
}

func newDocState(lx *Lexicon) *docState {
	return &docState{lx: lx, people: map[string]*Entity{}, titles: map[string]*Entity{}, attributed: -2, aliased: map[*Entity]bool{}}
}

// conjStripped returns the token without a leading و or ف conjunction.
func conjStripped(t Token) []string {
	if t.conj != nil {
		return t.conj
	}
	return conjForms(t.Norm)
}

func conjForms(norm string) []string {
	out := []string{norm}
	for _, c := range conjunctions {
		if rest, ok := strings.CutPrefix(norm, c); ok && utf8.RuneCountInString(rest) >= 2 {
			out = append(out, rest)
		}
	}
	return out
}

// definite reports whether the token, after a conjunction, starts with ال.
func definite(t Token) bool {
	for _, f := range conjStripped(t) {
		if strings.HasPrefix(f, "ال") || strings.HasPrefix(f, "لل") {
			return true
		}
	}
	return false
}

// prepGlued reports whether a word needs a glued preposition (ب ل ك لل)
// removed to reach the form w.
func prepGlued(t Token, w string) bool {
	for _, f := range conjStripped(t) {
		if f == w || strings.TrimPrefix(f, "ال") == w || "ال"+f == w {
			return false
		}
	}
	return true
}

// bareWord is a word without its article, for title keys: الوزير, والوزير
// and وزير are all وزير. (Clitic stripping would make وزير زير.)
func bareWord(t Token) string {
	w := t.Norm
	for _, p := range []string{"وال", "فال", "بال", "لل", "ال"} {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest
		}
	}
	return w
}

// conjGlued reports whether a word carries a glued و or ف in front of the
// phrase word first (والكاظمي), which واشنطن, starting with و, does not.
func conjGlued(t Token, first string) bool {
	if strings.HasPrefix(t.Norm, first) || strings.HasPrefix(first, "و") || strings.HasPrefix(first, "ف") {
		return false
	}
	return strings.HasPrefix(t.Norm, "و") || strings.HasPrefix(t.Norm, "ف")
}

// firstWordPrep reports whether the first word of a phrase match needed a
// glued preposition. phraseFirst is the phrase's first normalised word.
func firstWordPrep(t Token, phraseFirst string) bool {
	for _, f := range t.Forms {
		if f == phraseFirst {
			return prepGlued(t, f)
		}
	}
	return false
}

func (d *docState) isStop(t Token) bool { return inConj(t, d.lx.stop) }

// inConj reports whether the word, with or without a leading و or ف, is in
// set.
func inConj(t Token, set map[string]bool) bool {
	for _, f := range conjStripped(t) {
		if set[f] {
			return true
		}
	}
	return false
}

// rawStopWord is isStop on the word as written: in a name, "بان" (Ban) and
// "آن" (Anne) are not the folded "بأن" and "أن", nor "علي" the "على".
func (d *docState) rawStopWord(t Token) bool {
	raw := stripMarks(t.Raw)
	if d.lx.rawStop[raw] {
		return true
	}
	for _, c := range conjunctions {
		if rest, ok := strings.CutPrefix(raw, c); ok && d.lx.rawStop[rest] {
			return true
		}
	}
	return false
}

func (d *docState) isUnnamed(t Token) bool {
	for _, f := range t.Forms {
		if d.lx.unnamed[f] {
			return true
		}
	}
	return false
}

func (d *docState) inSet(t Token, set map[string]bool) bool {
	for _, f := range t.Forms {
		if set[f] {
			return true
		}
	}
	return false
}

// known matches a gazetteer entry or a name already met in this article at
// token i, preferring the longer match.
func (d *docState) known(toks []Token, i int) (entMention, bool) {
	e1, n1 := d.lx.entities.match(toks, i)
	e2, n2 := d.names.match(toks, i)
	if n2 > n1 {
		e1, n1 = e2, n2
	}
	if n1 == 0 {
		return entMention{}, false
	}
	if is(toks, i, patronymic) && i > 0 && toks[i-1].Kind == Word && !d.isStop(toks[i-1]) {
		if _, t := d.lx.titles.match(toks, i-1); t == 0 {
			return entMention{}, false // "عبد الله بن زايد" is not "بن زايد"
		}
	}
	m := entMention{from: i, to: i + n1, ent: e1}
	first := Normalize(toks[i].Raw)
	for _, f := range toks[i].Forms {
		if _, ok := d.lx.entities.first[f]; ok {
			first = f
			break
		}
		if _, ok := d.names.first[f]; ok {
			first = f
			break
		}
	}
	m.prep = firstWordPrep(toks[i], first)
	m.conj = conjGlued(toks[i], first)
	if e1.Kind == model.Person && n1 >= 2 && !d.aliased[e1] {
		// "فؤاد حسين" then "زيارة حسين": in this article the family name is enough.
		d.aliased[e1] = true
		last := toks[i+n1-1].Raw
		if utf8.RuneCountInString(Normalize(last)) >= 3 {
			d.names.add(last, e1)
		}
	}
	return m, true
}

// entities finds the actors and places of a sentence, left to right.
func (d *docState) entities(toks []Token) []entMention {
	var out []entMention
	for i := 0; i < len(toks); {
		if toks[i].Kind != Word {
			i++
			continue
		}
		if ms, end := d.government(toks, i); len(ms) > 0 {
			out = append(out, ms...)
			i = end
			continue
		}
		var prev *entMention
		if len(out) > 0 {
			prev = &out[len(out)-1]
		}
		if m, ok := d.titled(toks, i, prev); ok {
			out = append(out, m)
			i = m.to
			continue
		}
		if m, ok := d.known(toks, i); ok {
			// "مصطفى الكاظمي" when only "الكاظمي" is listed: take the given name in.
			if m.ent.Kind == model.Person && len(out) == 0 || m.ent.Kind == model.Person && out[len(out)-1].to < i {
				if _, n := d.lx.given.match(toks, i-1); n == 1 && i > 0 {
					m.from = i - 1
				}
			}
			out = append(out, m)
			i = m.to
			continue
		}
		if m, ok := d.givenName(toks, i); ok {
			out = append(out, m)
			i = m.to
			continue
		}
		i++
	}
	return out
}

// government reads "الجانبان العراقي والأمريكي", "الحكومة الإيرانية": the
// countries named by adjectives after a head word.
func (d *docState) government(toks []Token, i int) ([]entMention, int) {
	if !d.inSet(toks[i], d.lx.government) {
		return nil, i
	}
	var out []entMention
	j := i + 1
	for j < len(toks) {
		if punctIs(toks, j, "،,") && len(out) > 0 {
			j++
			continue
		}
		e, n := d.lx.adjectives.match(toks, j)
		if n == 0 {
			break
		}
		out = append(out, entMention{from: i, to: j + n, ent: e})
		j += n
	}
	if len(out) == 0 {
		// "كما أكد الجانبان": the sides named last.
		if definite(toks[i]) && dualHeads[conjStripped(toks[i])[len(conjStripped(toks[i]))-1]] && len(d.lastSides) > 0 {
			for _, e := range d.lastSides {
				out = append(out, entMention{from: i, to: i + 1, ent: e})
			}
			return out, i + 1
		}
		return nil, i
	}
	d.lastSides = d.lastSides[:0]
	for _, m := range out {
		d.lastSides = append(d.lastSides, m.ent)
	}
	if strings.HasPrefix(toks[i].Norm, "و") && !strings.HasPrefix(toks[i].Forms[len(toks[i].Forms)-1], "و") {
		for k := range out {
			out[k].conj = true
		}
	}
	return out, j
}

var dualHeads = wordSet("الجانبان", "الجانبين", "البلدان", "البلدين", "الطرفان", "الطرفين", "الحكومتان", "الحكومتين", "الوفدان", "الوفدين",
	"الزعيمان", "الزعيمين", "الرئيسان", "الرئيسين", "الوزيران", "الوزيرين", "الرجلان", "الرجلين", "المسؤولان", "المسؤولين")

// titled reads a title and the name it introduces: "رئيس الوزراء العراقي
// مصطفى الكاظمي", "قائد «فيلق القدس» … اللواء إسماعيل قآني", or a title
// alone that points back to the person it introduced earlier.
func (d *docState) titled(toks []Token, i int, prev *entMention) (entMention, bool) {
	_, n := d.lx.titles.match(toks, i)
	if n == 0 {
		return entMention{}, false
	}
	titleWords := []string{}
	for k := i; k < i+n; k++ {
		titleWords = append(titleWords, bareWord(toks[k]))
	}
	prep := prepGlued(toks[i], d.lx.titles.phrases[d.titlePhrase(toks, i)].words[0])
	var orgs []*Entity
	var quals []string
	commas := 0
	j := i + n
	var person *Entity
	end := j
scan:
	for j < len(toks) {
		t := toks[j]
		switch {
		case t.Kind == Punct && strings.ContainsAny(t.Raw, "«»\"'()–-"):
			j++
			continue
		case t.Kind == Punct && strings.ContainsAny(t.Raw, "،,") && commas < 3:
			commas++
			j++
			continue
		case t.Kind != Word:
			break scan
		}
		if m, ok := d.known(toks, j); ok && !is(toks, j, kunya) {
			// "مصطفى الكاظمي" ends in a known name; "عبد الله بن زايد" does
			// not end in "بن زايد", a patronymic of the name being read.
			if m.ent.Kind == model.Person {
				person, end = m.ent, m.to
				break scan
			}
			if m.ent.Kind == model.Media {
				break scan
			}
			orgs = append(orgs, m.ent)
			j = m.to
			end = j
			continue
		}
		if _, n2 := d.lx.titles.match(toks, j); n2 > 0 {
			// Stacked titles ("نائب رئيس الوزراء وزير الخارجية") all name the person.
			for k := j; k < j+n2; k++ {
				titleWords = append(titleWords, bareWord(toks[k]))
			}
			j += n2
			continue
		}
		if d.inSet(t, d.lx.instNouns) {
			// The institution and the words of its name.
			j++
			for k := 0; k < 2 && j < len(toks) && toks[j].Kind == Word && !definite(toks[j]) && !d.isStop(toks[j]); k++ {
				j++
			}
			continue
		}
		if directions[t.Norm] || qualifierPreps[t.Norm] {
			// "عن محافظة الأنبار، غربي العراق": a place qualifier, if a place or institution follows.
			if m, ok := d.known(toks, j+1); ok && m.ent.Kind != model.Person {
				j = m.to
				continue
			}
			if j+1 < len(toks) && d.inSet(toks[j+1], d.lx.instNouns) {
				j++
				continue
			}
			break scan
		}
		if definite(t) && !d.isStop(t) {
			if _, isTrig := d.lx.triggers.match(toks, j); isTrig > 0 {
				break scan
			}
			quals = append(quals, bareWord(t))
			j++
			continue
		}
		if m, ok := d.discover(toks, j); ok {
			person, end = m.ent, m.to
		}
		break scan
	}
	key := strings.Join(append(titleWords, quals...), " ")
	if person == nil && prev != nil && prev.ent.Kind == model.Person && (prev.to == i || prev.to == i-1 && punctIs(toks, i-1, "،,")) {
		// "إسماعيل قاآني، قائد فيلق القدس": the title describes the name before it.
		person = prev.ent
		if end < i+n {
			end = i + n
		}
	}
	if person == nil && (prev == nil || prev.to <= i-2) {
		// "التقى سامح شكري وزير الخارجية": a name written before its title.
		for _, from := range []int{i - 2, i - 3} {
			if from < 1 || !d.nameWord(toks, from) || definite(toks[from]) || conjGlued(toks[from], "") && !d.isGiven(toks, from) ||
				!d.isTriggerAt(toks, from-1) {
				continue
			}
			if m, ok := d.discover(toks, from); ok && m.to == i {
				d.titles[key] = m.ent
				return entMention{from: from, to: max(end, i+n), ent: m.ent, title: true}, true
			}
		}
	}
	if person != nil {
		d.titles[key] = person
		for _, o := range orgs {
			d.titles["org:"+o.Name] = person
		}
		d.lastActor = person
		return entMention{from: i, to: end, ent: person, prep: prep, title: true, conj: conjGlued(toks[i], titleFirst(d, toks, i))}, true
	}
	// A title with no name refers back to the person it introduced.
	if p := d.titles[key]; p != nil {
		return entMention{from: i, to: i + n + len(quals), ent: p, prep: prep, title: true}, true
	}
	for _, o := range orgs {
		if p := d.titles["org:"+o.Name]; p != nil {
			return entMention{from: i, to: end, ent: p, prep: prep, title: true}, true
		}
	}
	if n == 1 && len(orgs) == 0 && d.onlyNationality(toks, i+1, i+1+len(quals)) && definite(toks[i]) &&
		d.lx.anaphors[conjStripped(toks[i])[len(conjStripped(toks[i]))-1]] {
		// "وأعرب الوزير العراقي": the person whose title had these words, else
		// the last person named.
		if p := d.titledWith(append(titleWords, quals...)); p != nil {
			return entMention{from: i, to: i + 1 + len(quals), ent: p, prep: prep, title: true}, true
		}
		if d.lastActor != nil {
			return entMention{from: i, to: i + 1, ent: d.lastActor, prep: prep, title: true}, true
		}
	}
	return entMention{}, false
}

func titleFirst(d *docState, toks []Token, i int) string {
	return d.lx.titles.phrases[d.titlePhrase(toks, i)].words[0]
}

// titledWith returns the person whose title held all these words, if
// exactly one did.
func (d *docState) titledWith(words []string) *Entity {
	var found *Entity
	for key, p := range d.titles {
		if strings.HasPrefix(key, "org:") {
			continue
		}
		have := map[string]bool{}
		for _, w := range strings.Fields(key) {
			have[w] = true
		}
		all := true
		for _, w := range words {
			if !have[w] {
				all = false
				break
			}
		}
		if all {
			if found != nil && found != p {
				return nil
			}
			found = p
		}
	}
	return found
}

// onlyNationality reports whether tokens [from, to) are nationality
// adjectives ("القيادي الإيراني"), which keep a bare role anaphoric.
func (d *docState) onlyNationality(toks []Token, from, to int) bool {
	for k := from; k < to; {
		_, n := d.lx.adjectives.match(toks, k)
		if n == 0 {
			return false
		}
		k += n
	}
	return true
}

func (d *docState) isGiven(toks []Token, i int) bool {
	_, n := d.lx.given.match(toks, i)
	return n > 0
}

func (d *docState) isTriggerAt(toks []Token, i int) bool {
	_, n := d.lx.triggers.match(toks, i)
	return n > 0
}

// titlePhrase returns the index of the title phrase matched at i.
func (d *docState) titlePhrase(toks []Token, i int) int {
	best, bestN := 0, 0
	d.lx.titles.eachFirst(toks[i], func(pi int) {
		p := d.lx.titles.phrases[pi]
		if len(p.words) <= bestN || i+len(p.words) > len(toks) {
			return
		}
		for k := 1; k < len(p.words); k++ {
			if !d.lx.titles.tokenIs(toks[i+k], p.words[k]) {
				return
			}
		}
		best, bestN = pi, len(p.words)
	})
	return best
}

// qualifierPreps introduce a place or institution inside a title: "المتحدث
// باسم وزارة الخارجية", "السياسي السني عن محافظة الأنبار".
var qualifierPreps = wordSet("عن", "في", "ل", "باسم", "لدى", "ب")

var directions = wordSet("غربي", "شرقي", "شمالي", "جنوبي", "غرب", "شرق", "شمال", "جنوب", "وسط")

// givenName discovers a name that starts with a known given name and has
// at least one more word: "نصر الشمري", "أحمد أبو ريشة".
func (d *docState) givenName(toks []Token, i int) (entMention, bool) {
	if _, n := d.lx.given.match(toks, i); n == 0 || prepGlued(toks[i], Normalize(toks[i].Raw)) && toks[i].Norm != Normalize(toks[i].Raw) {
		return entMention{}, false
	}
	m, ok := d.discover(toks, i)
	if !ok || m.to-m.from < 2 {
		return entMention{}, false
	}
	return m, true
}

// patronymic words continue a name: "عبد الله بن زايد".
var patronymic = wordSet("بن", "ابن", "بنت")

var kunya = wordSet("ابو", "ام", "بن", "ابن", "بنت", "عبد", "ال")

// discover reads a person's name starting at token i: one to three words,
// ending at punctuation, a stop word, a title, a trigger or a date word. A
// known person inside the name ends it ("مصطفى الكاظمي").
func (d *docState) discover(toks []Token, i int) (entMention, bool) {
	if !d.nameWord(toks, i) || definite(toks[i]) {
		return entMention{}, false
	}
	_, given := d.lx.given.match(toks, i)
	limit := 2
	if given > 0 || is(toks, i, kunya) {
		limit = 3
	}
	j := i + 1
	for j < len(toks) && j-i < limit {
		if is(toks, j-1, kunya) {
			limit++ // "محمد بن عبد الرحمن آل ثاني": بن، عبد، آل bind the next word
		}
		if m, ok := d.known(toks, j); ok && !is(toks, j, kunya) {
			// "مصطفى الكاظمي" ends in a known name; "عبد الله بن زايد" does
			// not end in "بن زايد", a patronymic of the name being read.
			if m.ent.Kind == model.Person {
				d.lastActor = m.ent
				return entMention{from: i, to: m.to, ent: m.ent}, true
			}
			break // "مارك روته أنقرة": a known place or body ends the name
		}
		if !d.nameWord(toks, j) && !(is(toks, j-1, kunya) && toks[j].Kind == Word) {
			if _, g := d.lx.given.match(toks, j); g == 0 || !d.rawStopWord(toks[j]) {
				break // "محمد علي": a given name inside a name, though علي folds like على
			}
		}
		if strings.HasPrefix(toks[j].Norm, "و") && !is(toks, j-1, kunya) {
			if _, g := d.lx.given.match(toks, j); g == 0 {
				break // "ووكيل": a new phrase starts
			}
		}
		j++
		if definite(toks[j-1]) && !is(toks, j-2, kunya) && !is(toks, j, kunya) {
			break // a family name with ال ends the name: "حيدر الملا"
		}
	}
	if j-i < 2 && given == 0 {
		return entMention{}, false
	}
	if is(toks, j-1, kunya) {
		j--
	}
	if j-i < 1 {
		return entMention{}, false
	}
	raw := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		raw = append(raw, toks[k].Raw)
	}
	e := d.person(strings.Join(raw, " "), j-i)
	d.lastActor = e
	return entMention{from: i, to: j, ent: e}, true
}

// nameWord reports whether token i may be part of a name.
func (d *docState) nameWord(toks []Token, i int) bool {
	if i >= len(toks) || toks[i].Kind != Word || utf8.RuneCountInString(toks[i].Norm) < 2 {
		return false
	}
	t := toks[i]
	if d.rawStopWord(t) || d.isUnnamed(t) || d.inSet(t, d.lx.instNouns) || d.inSet(t, d.lx.government) || d.inSet(t, d.lx.light) {
		return false
	}
	if _, n := d.lx.titles.match(toks, i); n > 0 {
		return false
	}
	if _, n := d.lx.triggers.match(toks, i); n > 0 {
		return false
	}
	if _, n := d.lx.weekdays.match(toks, i); n > 0 {
		return false
	}
	if _, n := d.lx.months.match(toks, i); n > 0 {
		return false
	}
	if _, n := d.lx.times.match(toks, i); n > 0 && (i+1 >= len(toks) || d.dateWordAt(toks, i+1)) {
		return false // "صباح الثلاثاء", but "صباح الساعدي" is a name
	}
	if is(toks, i, todayWord) || is(toks, i, yesterday) || directions[t.Norm] {
		return false
	}
	return true
}

// dateWordAt reports whether a time expression can start at token i.
func (d *docState) dateWordAt(toks []Token, i int) bool {
	if toks[i].Kind == Number || is(toks, i, todayWord) || is(toks, i, yesterday) || is(toks, i, dayWord) {
		return true
	}
	_, n := d.lx.weekdays.match(toks, i)
	return n > 0
}

// person returns the canonical entity for a discovered name, and teaches
// this article the name and its family name.
func (d *docState) person(name string, words int) *Entity {
	key := Normalize(name)
	e := d.people[key]
	if e == nil {
		// Across articles, the same name is the same actor: merging compares
		// names, not these pointers.
		e = &Entity{Name: name, Kind: model.Person}
		d.people[key] = e
	}
	d.names.add(name, e)
	if words >= 2 {
		fields := strings.Fields(name)
		last := fields[len(fields)-1]
		if _, g := d.lx.given.match(Tokenize(last, 0, len(last)), 0); g == 0 && utf8.RuneCountInString(Normalize(last)) >= 3 {
			d.names.add(last, e)
		}
	}
	return e
}
