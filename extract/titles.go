package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"khatt/arabic"
	"khatt/model"
)

// titled reads a title and the name it introduces: «رئيس الوزراء العراقي
// مصطفى الكاظمي»، «قائد فيلق القدس … اللواء إسماعيل قآني»، «المبعوث
// الأمريكي الخاص للسودان توم بيرييلو». A title right after a name describes
// that name («عبد المجيد تبون، رئيس الجمهورية»). A title with no name
// points to the person it described elsewhere in the article (a headline's
// «ولي العهد السعودي» to the prince named in the body); failing that it
// stands for a person known only by the office («وزير الدولة الإماراتي
// للشؤون الخارجية»), or for an unnamed source when indefinite («وزير في
// الحكومة»).
func (d *doc) titled(s *sent, i int, prev *mention, final bool) (mention, bool) {
	toks := s.Tokens
	tm, ok := d.x.lx.Titles.At(toks, i)
	if !ok || tm.N == 1 && !definite(toks, i) && bareIs(toks, i+1, g.ibn) {
		// «مساعد بن محمد العيبان»، «نائب بن …»: a word followed by بن is a
		// given name, whatever else it means.
		return mention{}, false
	}
	lx := d.x.lx
	words := d.sc.titleWords[:0] // (titled is never called inside itself)
	isDef := false
	counterpart := false
	for k := i; k < i+tm.N; k++ {
		w := toks[k].Norm
		if k == i {
			w = tm.Reading.Stem // «لولي العهد»، «وولي العهد»: the title as the match read it
		}
		words = append(words, w)
		isDef = isDef || definite(toks, k) || strings.HasPrefix(w, "ال")
		if strings.HasPrefix(strings.TrimPrefix(w, "ال"), "نظير") {
			counterpart = true
		}
	}
	if tm.N > 1 {
		isDef = isDef || definite(toks, i+tm.N-1)
	}
	if !isDef && tm.N == 1 && !d.x.w.honorific.Has(&toks[i]) && is(toks, i+1, g.inFromAt) && toks[i+1].Bare() == toks[i+1].Norm {
		// «وزير في الحكومة الإسرائيلية»، «مسؤول في الخارجية»: an unnamed source.
		end := d.qualifier(toks, i+1)
		if end <= i+1 {
			end = i + 1
		}
		return mention{from: i, to: end, ent: &Entity{Name: d.surface(toks, i, end, tm.Reading), Kind: model.Person, Unnamed: true, Role: true},
			conj: tm.Reading.Conj(), prep: prepOf(tm.Reading)}, true
	}
	var country string
	var person *Entity
	afterEntity := false // a place or body qualified the title: a name must now start with a given name
	j := i + tm.N
	end := j
	titleEnd := j // where the last of stacked titles ends
	commas := 0
scan:
	for j < len(toks) {
		t := &toks[j]
		if d.masked(s, j) {
			break
		}
		switch {
		case t.IsPunct("«\"“"):
			if m, ok := d.quotedName(toks, j); ok {
				person, end = m.ent, m.to
				break scan
			}
			if j == titleEnd {
				titleEnd++ // «قائد «فيلق القدس»»: the quoted body follows the title
			}
			j++
			continue
		case t.IsPunct("»\"”'()/–-"):
			j++
			continue
		case t.IsPunct("،,"):
			// After a comma: another title of the same person, or the name.
			if commas < 3 && j+1 < len(toks) && !d.conjGlued(toks, j+1) && (lx.Titles.Has(toks, j+1) || d.nameAhead(toks, j+1)) {
				commas++
				j++
				continue
			}
			break scan
		case t.Kind != arabic.Word:
			break scan
		}
		if t.Norm == "ل" && isDef {
			// «الذراع الخارجية لـ «الحرس الثوري»»: a detached ل before a body.
			k := j + 1
			for k < len(toks) && toks[k].IsPunct("«\"“") {
				k++
			}
			if lx.Entities.Has(toks, k) {
				j = k
				continue
			}
		}
		if m, ok := d.entityAt(s, j); ok {
			switch m.Val.Kind {
			case model.Person:
				if m.Reading.Conj() && d.conjGlued(toks, j) {
					break scan // «ولي العهد ونتنياهو»: another person, coordinated
				}
				person = d.ents.known(m.Val)
				end = d.patronymics(toks, j+m.N)
				break scan
			case model.Media:
				break scan
			}
			if country != "" && (m.Val.Kind == model.Place || m.Val.Kind == model.Country) && !m.Reading.Prep() && j != titleEnd && !is(toks, j-1, g.qualifierPreps) {
				break scan // «يزور رئيس الوزراء العراقي واشنطن»: the nationality closed the title
			}
			if m.Reading.Prep() || j == titleEnd || is(toks, j-1, g.qualifierPreps) || isDef {
				// «رئيس الولايات المتحدة»، «المبعوث الأمريكي إلى السودان»
				if country == "" {
					country = m.Val.Country()
				}
				if m.Val.Kind == model.Organisation {
					words = append(words, "#"+m.Val.Name) // «قائد قوات الدعم السريع»: the body names the office
				}
				isDef = true
				afterEntity = true
				j += m.N
				end = j
				continue
			}
			break scan
		}
		if p := d.surnameAt(toks, j); p != nil {
			person, end = p, j+1
			break scan
		}
		if tm2, ok := lx.Titles.At(toks, j); ok {
			if p := prepOf(tm2.Reading); p == "ب" || p == "ك" || country != "" && d.otherCountry(toks, j+tm2.N, country) {
				// «الرئيس الجزائري بوزير الخارجية»، «الرئيس الجزائري وزير
				// الخارجية الفرنسي»: another person's title, not a second
				// one of this person's.
				break scan
			}
			// Stacked titles («نائب رئيس الوزراء وزير الخارجية») all name the person.
			for k := j; k < j+tm2.N; k++ {
				w := toks[k].Norm
				if k == j {
					w = tm2.Reading.Stem
				}
				words = append(words, w)
				isDef = isDef || definite(toks, k)
			}
			j += tm2.N
			end, titleEnd = j, j
			continue
		}
		if a, ok := lx.Adjectives.At(toks, j); ok {
			if country != "" && a.Val.Name != country && !afterEntity {
				// «رئيس الحكومة العراقية السوداني»: no office has two
				// nationalities; the second is a name (a nisba surname),
				// of someone the lexicon may know.
				if p := d.surnameOf(toks, j, country); p != nil {
					person, end = d.ents.known(p), j+1
				}
				break scan
			}
			if country == "" {
				country = a.Val.Name
			}
			isDef = true
			j += a.N
			end = j
			continue
		}
		if d.x.w.institution.Has(t) {
			// The institution and the words of its name («مجلس الوزراء»،
			// «منظومة الصناعات الدفاعية»).
			words = append(words, t.Bare())
			j++
			if j+1 < len(toks) && toks[j].Kind == arabic.Word && !definite(toks, j) && definite(toks, j+1) && !d.isStop(&toks[j]) &&
				(!lx.Titles.Has(toks, j) || is(toks, j, g.placeNouns)) && !lx.Triggers.Has(toks, j) && !d.isDateWord(toks, j) && !lx.Given.Has(toks, j) {
				// «ائتلاف دولة القانون»: a name in construct
				words = append(words, toks[j].Bare())
				j++
			}
			for k := 0; k < 3 && j < len(toks) && toks[j].Kind == arabic.Word && definite(toks, j) && !d.isStop(&toks[j]) &&
				!lx.Triggers.Has(toks, j) && !d.isDateWord(toks, j) && !lx.Titles.Has(toks, j); k++ {
				if a, ok := lx.Adjectives.At(toks, j); ok && country == "" {
					country = a.Val.Name
				}
				words = append(words, toks[j].Bare())
				j++
			}
			isDef = true
			end = j
			continue
		}
		if is(toks, j, g.fii) && (country != "" && !d.envoy(toks, j) || is(toks, j+1, g.venues)) {
			// «وزير الخارجية الفرنسي في الجزائر»، «وزير الخارجية في قصر
			// المرادية»: where the person is, not a part of the office (an
			// envoy's is: «السفير الفرنسي في الجزائر»).
			break scan
		}
		if q := d.qualifier(toks, j); q > j {
			// «الخاص للسودان»، «باسم الكرملين»، «في شمال إفريقيا»، «للشؤون الخارجية»
			for k := j; k < q; k++ {
				if m, ok := lx.Entities.At(toks, k); ok && country == "" && m.Val.Kind != model.Person {
					country = m.Val.Country()
				}
			}
			j = q
			end = j
			isDef = true
			continue
		}
		if definite(toks, j) && !d.isStop(t) && !lx.Triggers.Has(toks, j) && !d.isDateWord(toks, j) && !d.x.w.honorific.Has(t) {
			// A word of the office («وزير الخارجية»، «وزير الدولة») or an
			// adjective of it («الخاص»، «الرئاسي»).
			words = append(words, t.Bare())
			isDef = true
			j++
			end = j
			continue
		}
		if !definite(toks, j-1) && j == titleEnd && !lx.Given.Has(toks, j) && !definite(toks, j) && j+1 < len(toks) &&
			toks[j+1].Kind == arabic.Word && definite(toks, j+1) && !d.x.w.honorific.Has(&toks[j-1]) && !lx.Entities.Has(toks, j+1) {
			// «وزير شؤون الرئاسة»: an indefinite title in construct with a
			// noun, not followed by a name.
			words = append(words, t.Bare())
			j++
			end = j
			continue
		}
		if afterEntity && !lx.Given.Has(toks, j) {
			// «أمير قطر بعناق»: no name after the place, unless one of two
			// words or more («… للأمم المتحدة إلى الصحراء الغربية ستافان
			// دي ميستورا»).
			if m, ok := d.discover(toks, j, 2); ok && !commonNoun(t) {
				person, end = m.ent, m.to
			}
			break scan
		}
		if m, ok := d.discover(toks, j, 1); ok && !(m.to == j+1 && commonNoun(t) && !lx.Given.Has(toks, j)) &&
			!(m.to == j+1 && !lx.Given.Has(toks, j) && d.honouredTitle(words, country, s)) {
			// (Not «وولي العهد السعودي جلسة مباحثات»: a lone word in ة
			// that no one is named is the object, and the title points
			// back to the prince.)
			person, end = m.ent, m.to
		}
		break scan
	}
	m := mention{from: i, to: end, title: true, conj: tm.Reading.Conj(), prep: prepOf(tm.Reading)}
	key := titleKey(d.sc.titleKey[:0], words)
	if country != "" {
		key = append(key, "@"+country)
	}
	d.sc.titleWords, d.sc.titleKey = words[:0], key[:0] // learnTitle copies what it keeps
	if counterpart {
		// «نظيره الفرنسي»: the counterpart is known by the country alone.
		key = nil
		if country != "" {
			key = []string{"@" + country}
		}
	}
	if person == nil && !counterpart {
		// «… ، كيرياكوس ميتسوتاكيس رئيس وزراء اليونان»: a name no one
		// knows, written before its title.
		if from, name := d.nameBefore(toks, i, prev); from >= 0 {
			person = d.ents.person(name)
			d.ents.learnTitle(key, person, s.Index)
			honours(person, words)
			if person.Country == "" {
				person.Country = country
			}
			m.from, m.ent = from, person
			return m, true
		}
	}
	if person == nil && prev != nil && prev.ent.Kind == model.Person && !prev.ent.Role &&
		(prev.to == i || prev.to == i-1 && punct(toks, i-1, "،,")) &&
		prepOf(tm.Reading) == "" && (country == "" || prev.ent.Country == "" || prev.ent.Country == country) {
		// «إسماعيل قاآني، قائد فيلق القدس»: the title describes the name before it.
		d.ents.learnTitle(key, prev.ent, s.Index)
		honours(prev.ent, words)
		if prev.ent.Country == "" {
			prev.ent.Country = country
		}
		return mention{from: prev.from, to: end, ent: prev.ent, title: true, conj: prev.conj, prep: prev.prep}, true
	}
	if person != nil {
		d.ents.learnTitle(key, person, s.Index)
		honours(person, words)
		if person.Country == "" {
			person.Country = country
		}
		m.ent = person
		return m, true
	}
	headIndef := !definite(toks, i) && tm.N == 1 && !d.x.w.honorific.Has(&toks[i]) && !lx.Given.Has(toks, i+1) &&
		(i+1 >= len(toks) || !definite(toks, i+1) || is(toks, i+1, g.preps))
	if (!isDef || headIndef) && (is(toks, i+1, g.inFromAt) || is(toks, end, g.inFromAt) || d.x.w.unnamed.Has(&toks[i])) {
		// «وزير في الحكومة الإسرائيلية»: an unnamed source.
		m.ent = &Entity{Name: d.surface(toks, i, end, tm.Reading), Kind: model.Person, Unnamed: true, Role: true}
		return m, true
	}
	if !final {
		return m, false
	}
	if p := d.ents.byTitle(key, s.Index, s.Headline); p != nil {
		m.ent = p
		return m, true
	}
	if p := d.ents.nameTitled(key); p != nil {
		// «جلالة الملك» after «الملك عبد الله الثاني»: the title is the
		// first word of a name the article gave.
		m.ent = p
		return m, true
	}
	if p := d.officeHolder(key); p != nil {
		// «العاهل الأردني» in 2021: the lexicon knows who held the office.
		d.ents.learnTitle(key, p, s.Index)
		m.ent = p
		return m, true
	}
	if !isDef || len(key) == 0 {
		return mention{}, false
	}
	if len(words) == 1 && country != "" && d.x.w.anaphor.Has(&toks[i]) {
		// «وأكد القيادي الإيراني»: the last person named of that country.
		if p := d.ents.lastOf(country); p != nil {
			m.ent = p
			return m, true
		}
	}
	if len(words) == 1 && country == "" && d.x.w.anaphor.Has(&toks[i]) {
		// «وأكد الوزير»: the last person named.
		if p := d.lastPerson(); p != nil {
			m.ent = p
			return m, true
		}
		return mention{}, false
	}
	// A person known only by the office.
	name := d.surface(toks, i, end, tm.Reading)
	rkey := "role:" + strings.Join(key, " ")
	e := d.ents.byKey[rkey]
	if e == nil {
		e = &Entity{Name: name, Key: rkey, Kind: model.Person, Role: true, Country: country}
		d.ents.byKey[rkey] = e
	}
	m.ent = e
	return m, true
}

// otherCountry reports whether the words at j give a country other than
// country: a nationality («الفرنسي») or a place or body of another
// country («وزير خارجية فرنسا»).
func (d *doc) otherCountry(toks []arabic.Token, j int, country string) bool {
	for k := j; k < len(toks) && k < j+3; k++ {
		if a, ok := d.x.lx.Adjectives.At(toks, k); ok {
			return a.Val.Name != country
		}
		if m, ok := d.x.lx.Entities.At(toks, k); ok {
			c := m.Val.Country()
			return m.Val.Kind != model.Person && c != "" && c != country
		}
		if !definite(toks, k) || d.isStop(&toks[k]) {
			return false
		}
	}
	return false
}

// surface is the text of tokens [from, to) without the clitics the first
// word's reading found glued to it: a conjunction and a preposition
// («وبوزير الخارجية» is «وزير الخارجية»). Where a «ل» took the article's
// alef («للمجلس الأعلى»), the alef is put back: «المجلس الأعلى», the
// name the body goes by wherever it is named.
func (d *doc) surface(toks []arabic.Token, from, to int, a arabic.Analysis) string {
	name := strings.TrimSpace(d.text[toks[from].Start:toks[to-1].End])
	return stripTatweel(strings.Trim(withoutClitics(name, a), "«»\"“”،, "))
}

// withoutClitics drops from the start of name the conjunction and the
// preposition reading a says are glued to it (with any marks on them),
// putting back the alef of an article a «ل» swallowed.
func withoutClitics(name string, a arabic.Analysis) string {
	n := 0
	if a.Conj() {
		n++
	}
	prep := prepOf(a)
	if prep != "" {
		n++
	}
	for range n {
		_, size := utf8.DecodeRuneInString(name)
		name = name[size:]
		for name != "" {
			r, size := utf8.DecodeRuneInString(name)
			if !unicode.Is(unicode.Mn, r) && r != 0x0640 {
				break
			}
			name = name[size:]
		}
	}
	if prep == "ل" && (strings.HasPrefix(a.Stem, "ال") || strings.HasSuffix(a.Pre, "ال")) && strings.HasPrefix(name, "ل") && !strings.HasPrefix(name, "ال") {
		name = "ا" + name
	}
	return name
}

func (d *doc) masked(s *sent, j int) bool { return s.masked != nil && j < len(s.masked) && s.masked[j] }

// surnameAt returns the person whose family name the article taught and
// token j is.
func (d *doc) surnameAt(toks []arabic.Token, j int) *Entity {
	for _, a := range toks[j].An {
		if p := d.ents.surname(a.Stem); p != nil && arabic.RuneLen(a.Stem) >= 3 && (!a.Prep() || wholeSurname(&toks[j], p)) {
			return p
		}
	}
	return nil
}

// nameAhead reports whether a name (known or discoverable) starts at j.
func (d *doc) nameAhead(toks []arabic.Token, j int) bool {
	if m, ok := d.x.lx.Entities.At(toks, j); ok && m.Val.Kind == model.Person {
		return true
	}
	if d.surnameAt(toks, j) != nil {
		return true
	}
	_, ok := d.discover(toks, j, 2)
	return ok && d.x.lx.Given.Has(toks, j)
}

// quotedName reads «باتريك دِرال» after a title: one to three words in
// quotation marks.
func (d *doc) quotedName(toks []arabic.Token, j int) (mention, bool) {
	k := j + 1
	for k < len(toks) && k <= j+4 && toks[k].Kind == arabic.Word {
		k++
	}
	if k == j+1 || k >= len(toks) || !toks[k].IsPunct("»\"”") {
		return mention{}, false
	}
	if m, ok := d.x.lx.Entities.At(toks, j+1); ok {
		if m.Val.Kind != model.Person {
			return mention{}, false // «لوكالة "رويترز"»: a quoted outlet, not a name
		}
		return mention{from: j, to: k + 1, ent: d.ents.known(m.Val)}, true
	}
	for x := j + 1; x < k; x++ {
		if !d.nameWord(toks, x) && !is(toks, x, kunya) {
			return mention{}, false
		}
	}
	name := stripTatweel(d.text[toks[j+1].Start:toks[k-1].End])
	return mention{from: j, to: k + 1, ent: d.ents.person(name)}, true
}

// qualifier reads a prepositional qualifier of a title and returns where
// it ends (j when there is none): «للسودان»، «إلى السودان»، «باسم
// الكرملين»، «في شمال إفريقيا والشرق الأوسط»، «للشؤون الخارجية»،
// «بالحرس الثوري».
func (d *doc) qualifier(toks []arabic.Token, j int) int {
	t := &toks[j]
	k := j
	if d.x.lx.Triggers.Has(toks, j) || d.x.w.purpose.Has(t) || d.x.w.light.Has(t) {
		return j // «العاهل الأردني للتشاور»: a purpose, not part of the title
	}
	switch {
	case is(toks, j, g.ilaaBare) && !d.envoy(toks, j):
		return j // «ولي العهد إلى الولايات المتحدة»: a destination, not part of the title
	case is(toks, j, g.qualifierPreps2) && toks[j].Bare() == toks[j].Norm:
		k = j + 1
	case gluedPrep(t, lastReading(t).Stem) != "" && !d.x.lx.Titles.Has(toks, j):
		// «للسودان»، «بالحرس الثوري»: the preposition is glued to the word.
		if m, ok := d.x.lx.Entities.At(toks, j); ok && m.Val.Kind != model.Person && m.Val.Kind != model.Media && m.Reading.Prep() {
			return j + m.N
		}
		if lastReading(t).Definite() || strings.HasPrefix(lastReading(t).Stem, "ال") {
			if d.x.w.institution.Has(t) || d.x.lx.Adjectives.Has(toks, j) {
				return d.nounPhrase(toks, j+1, 2)
			}
			return d.nounPhrase(toks, j+1, 2)
		}
		return j
	default:
		return j
	}
	if k >= len(toks) {
		return j
	}
	if m, ok := d.x.lx.Entities.At(toks, k); ok && m.Val.Kind != model.Person && m.Val.Kind != model.Media {
		return d.nounPhrase(toks, k+m.N, 1)
	}
	if is(toks, k, g.compass) || toks[k].Kind == arabic.Word && definite(toks, k) && !d.isStop(&toks[k]) &&
		!d.x.lx.Triggers.Has(toks, k) && !d.isDateWord(toks, k) {
		return d.nounPhrase(toks, k+1, 3)
	}
	return j
}

// envoy reports whether the title before token j is an envoy's (المبعوث
// إلى السودان، السفير لدى): only they take «إلى» + a place in their title.
func (d *doc) envoy(toks []arabic.Token, j int) bool {
	for k := j - 1; k >= 0 && k >= j-8; k-- { // «المبعوث الشخصي للأمين العام للأمم المتحدة إلى»
		if is(toks, k, g.envoys) {
			return true
		}
	}
	return false
}

// nounPhrase extends over up to n more definite words or place names, and
// «و» + one more («شمال إفريقيا والشرق الأوسط»).
func (d *doc) nounPhrase(toks []arabic.Token, k, n int) int {
	for c := 0; c < n && k < len(toks) && toks[k].Kind == arabic.Word; c++ {
		if m, ok := d.x.lx.Entities.At(toks, k); ok && m.Val.Kind != model.Person && m.Val.Kind != model.Media {
			k += m.N
			continue
		}
		t := &toks[k]
		if !definite(toks, k) || d.isStop(t) || d.x.lx.Triggers.Has(toks, k) ||
			d.isDateWord(toks, k) || d.x.lx.Titles.Has(toks, k) {
			break
		}
		if d.conjGlued(toks, k) && c == 0 {
			break
		}
		k++
	}
	return k
}

// isDateWord reports whether a time expression could start at token k.
func (d *doc) isDateWord(toks []arabic.Token, k int) bool {
	lx := d.x.lx
	t := &toks[k]
	if t.Kind != arabic.Word {
		return t.Kind == arabic.Number
	}
	return d.x.w.dateWords.Has(t) || lx.Weekdays.Has(toks, k) || lx.Months.Has(toks, k) || lx.Times.Has(toks, k) || t.Bare() == "يوم"
}

// lastPerson is the person most recently named before the mention being
// read.
func (d *doc) lastPerson() *Entity { return d.ents.last }

// commonNoun reports whether a word reads as a feminine noun (ends in ة):
// after a title, one such word alone is no name unless the lexicon knows
// it as a given name (أسامة، حمزة، فاطمة).
func commonNoun(t *arabic.Token) bool {
	return strings.HasSuffix(arabic.StripMarks(t.Raw), "ة")
}

// honouredTitle reports whether a title written with an honorific
// («جلالة الملك»، «سمو الأمير») already points to a person of the
// article: then one unknown word after it is what he did («وأكد جلالة
// الملك دعم الأردن»), not his name.
func (d *doc) honouredTitle(words []string, country string, s *sent) bool {
	honoured := false
	for _, w := range words {
		switch strings.TrimPrefix(w, "ال") {
		case "جلاله", "سمو", "فخامه", "معالي", "سياده", "دوله":
			honoured = true
		}
	}
	if !honoured {
		return false
	}
	key := titleKey(nil, words)
	if country != "" {
		key = append(key, "@"+country)
	}
	return d.ents.byTitle(key, s.Index, s.Headline) != nil || d.ents.nameTitled(key) != nil
}

// nameBefore reads a name of two or three words no one knows right before
// a title at i: words that could be a name, none with ال, after a comma,
// a verb or the start of the sentence, and after the mention before. It
// returns where the name starts (-1 for none) and the name.
func (d *doc) nameBefore(toks []arabic.Token, i int, prev *mention) (int, string) {
	from := i
	for from > 0 && i-from < 3 && toks[from-1].Kind == arabic.Word && d.nameWord(toks, from-1) && !definite(toks, from-1) &&
		(prev == nil || from-1 >= prev.to) && !d.x.lx.Entities.Has(toks, from-1) {
		from--
	}
	if i-from < 2 {
		return -1, ""
	}
	if from > 0 && !toks[from-1].IsPunct("،,") && !d.x.lx.Triggers.Has(toks, from-1) && !d.x.w.light.Has(&toks[from-1]) {
		return -1, ""
	}
	if d.conjGlued(toks, from) || commonNoun(&toks[from]) {
		return -1, ""
	}
	raw := make([]string, 0, i-from)
	for k := from; k < i; k++ {
		raw = append(raw, toks[k].Raw)
	}
	return from, stripTatweel(strings.Join(raw, " "))
}

// honours keeps the words of address a title gave a person («الشيخ»،
// «صاحب السمو»، «فخامة»), which the office's key drops: «سموه» later is
// the sheikh, not the president named after him.
func honours(p *Entity, words []string) {
	for _, w := range words {
		switch w = strings.TrimPrefix(w, "ال"); w {
		case "شيخ", "امير", "سمو", "جلاله", "فخامه", "ملك", "سلطان":
			p.words = addWord(p.words, w)
		}
	}
}
