package extract

import (
	"khatt/model"
	"strings"

	"khatt/arabic"
	"khatt/lexicon"
)

// Closed-class words: the grammar the rules read, not vocabulary to edit.
// Built once; never changed.
var g = struct {
	preps, objectPreps, with, between, to, in, from, of                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           lexicon.WordSet
	qad, kana, comp, relative, demonstrative, dualPron                                                                                                                                                                                                                                                                                                                                                                                                                                                                                            lexicon.WordSet
	during, allEach, also, said, quoteVerbs, whose, thatsIt                                                                                                                                                                                                                                                                                                                                                                                                                                                                                       lexicon.WordSet
	future, planned1, upon, arrival, eachOf, after                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                lexicon.WordSet
	styles                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                        lexicon.WordSet
	abd, adverbs, alladhi, an, anAlaa, anhu, bayna, bihaa, bilateral, compass, contextNouns, envoys, fii, haythu, headingFor, hisArrival, ibn, ilaa, ilaaBare, inDuring, inFromAt, inWithDuring, invite, iyyahu, lahu, lineage, meetingParts, nameParticles, openers, openingWords, placeNouns, purposeWords, quadrilateral, qualifierPreps, qualifierPreps2, regionWords, sawfa, subjunctive, headedBy, thumma, nameSuffixes, issued, takePart, toTakePart, todayYesterday, trilateral, venues, visitNoun, margin, proceedings, tongue, duringIt lexicon.WordSet
}{
	preps:         ws("من", "الى", "على", "عن", "مع", "في", "لدى", "ضد", "بين", "حول", "عند", "امام", "خلف", "عبر", "نحو", "تجاه", "لصالح", "بشأن", "بحق", "حتى", "منذ", "خلال", "بعد", "قبل", "عقب"),
	objectPreps:   ws("الى", "على", "عن", "مع", "في", "لدى", "ضد", "بين", "حول", "عند", "تجاه", "من", "لصالح", "بشأن"),
	with:          ws("مع"),
	between:       ws("بين"),
	to:            ws("الى", "نحو", "صوب"),
	in:            ws("في"),
	from:          ws("من"),
	of:            ws("عن", "باسم"),
	qad:           ws("قد", "لقد"),
	kana:          ws("كان", "كانت", "وكان", "وكانت", "فكان", "يكون", "تكون"),
	comp:          ws("ان", "انه", "انها", "انهم", "انهما", "بان", "بانه", "بانها", "بانهم", "لان"),
	relative:      ws("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي"),
	demonstrative: ws("هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين"),
	dualPron:      ws("بينهما", "معهما", "لهما", "انهما"),
	during:        ws("خلال", "اثناء", "ابان", "هامش"),
	allEach:       ws("كل", "كلا", "جميع"),
	also:          ws("ايضا", "كذلك"),
	said:          ws("قوله", "قولها", "تصريحه", "تصريحها", "قولهم"),
	quoteVerbs:    ws("نقل", "نقلت", "ونقلت", "ونقل", "نقلا"),
	whose:         ws("الذي", "التي"),
	thatsIt:       ws("ذلك", "وذلك"),
	future:        ws("سوف", "سيكون", "ستكون"),
	planned1:      ws("غدا"),
	upon:          ws("لدى", "فور", "عند", "بعيد", "اثناء"),
	arrival:       ws("وصول", "وصوله", "وصولها", "وصولهم", "نزوله", "هبوط", "قدوم", "قدومه"),
	eachOf:        ws("كل"),
	after:         ws("بعد", "عقب", "اثر"),
	// Forms of address that stand before a title: «من فخامة رئيس …».
	abd:             ws("عبد"),
	adverbs:         ws("اليوم", "امس", "غدا", "الماضي", "المقبل", "سرا", "رسميا", "مجددا", "بدوره", "بدورها", "جهته", "جهتها"),
	alladhi:         ws("الذي"),
	an:              ws("عن"),
	anAlaa:          ws("عن", "على"),
	anhu:            ws("عنه", "عنها", "عنهم", "عنهما"),
	bayna:           ws("بين"),
	bihaa:           ws("بها", "به"),
	bilateral:       ws("ثنائيه", "ثنائي", "الثنائيه", "الثنائي"),
	compass:         ws("شمال", "جنوب", "شرق", "غرب", "وسط"),
	contextNouns:    ws("السياق", "الاطار"),
	envoys:          ws("مبعوث", "موفد", "سفير", "مندوب", "ممثل", "رسول", "المبعوث", "الموفد", "السفير", "المندوب", "الممثل"),
	fii:             ws("في"),
	haythu:          ws("حيث"),
	headingFor:      ws("متوجها", "متجها", "قاصدا", "قادما"),
	hisArrival:      ws("وصوله", "وصولها"),
	ibn:             ws("بن", "ابن"),
	ilaa:            ws("الى"),
	ilaaBare:        ws("الي"),
	inDuring:        ws("في", "خلال"),
	inFromAt:        ws("في", "من", "لدى"),
	inWithDuring:    ws("في", "خلال", "ب"),
	invite:          ws("دعا", "يدعو", "تدعو", "دعت"),
	iyyahu:          ws("اياه", "اياها", "اياهم"),
	lahu:            ws("له", "لها"),
	lineage:         ws("بن", "ابن", "ال", "بنت"),
	meetingParts:    ws("بدايه", "مستهل", "ختام", "نهايه"),
	nameParticles:   ws("ابو", "ام", "بن", "ابن", "بنت", "عبد", "ال", "ولد", "دي", "فون", "دير", "لو"),
	openers:         ws("فان", "وان", "ان", "و", "ف"),
	openingWords:    ws("في", "وقت", "سابق", "من", "لاحق", "وفي", "كما", "ثم"),
	placeNouns:      ws("مدينه", "العاصمه", "محافظه", "منطقه", "دوله", "جمهوريه", "ولايه", "مطار", "منتجع", "قصر", "بلده", "مقر"),
	purposeWords:    ws("تمهيدا", "بهدف", "بغيه", "اطار", "اجل"),
	quadrilateral:   ws("رباعيه", "رباعي", "الرباعيه"),
	qualifierPreps:  ws("في", "الى", "عن", "لدى", "باسم"),
	qualifierPreps2: ws("في", "الي", "عن", "لدى", "باسم", "ل"),
	regionWords:     ws("محافظة", "مدينة", "منطقة", "ولاية", "إقليم", "غربي", "شرقي", "شمالي", "جنوبي", "غرب", "شرق", "شمال", "جنوب"),
	sawfa:           ws("سوف"),
	toTakePart:      ws("للمشاركه"),
	todayYesterday:  ws("اليوم", "امس"),
	trilateral:      ws("ثلاثيه", "ثلاثي", "الثلاثيه", "الثلاثي"),
	venues:          ws("قصر", "القصر", "مطار", "المطار", "منتجع", "المنتجع", "مقر", "المقر", "قاعه", "القاعه", "فندق", "الفندق"),
	visitNoun:       ws("زياره"),
	margin:          ws("هامش"),
	proceedings:     ws("اعمال", "اجتماعات", "فعاليات"),
	tongue:          ws("لسان"),
	duringIt:        ws("خلالها", "خلاله", "اثناءها", "اثناءه"),
	// «أن» before an imperfect verb (never أنّ, which a noun follows):
	// what is to be done («اتفقا على أن يزور»).
	subjunctive: ws("ان", "بان", "كي", "لكي"),
	thumma:      ws("ثم"),
	// «وشارك في الاجتماع كل من X وY»، «وحضر اللقاء X»: who took part.
	takePart: ws("شارك", "يشارك", "تشارك", "شاركت", "حضر", "يحضر", "تحضر", "حضرت"),
	// «صدر بيان عن X»: was issued (by X).
	issued: ws("صدر", "يصدر", "تصدر", "صدرت"),
	// Words that end a name, bound to the word before: «تشاووش أوغلو».
	nameSuffixes: ws("اوغلو", "زاده"),
	// «وفد … برئاسة X»: who heads a delegation.
	headedBy: ws("برئاسه", "يراسه", "يتراسه", "بقياده", "يقوده", "تراسه", "يتقدمه"),
	styles:   ws("فخامة", "سمو", "معالي", "جلالة", "سعادة", "دولة", "صاحب", "السمو", "الملكي", "الجلالة", "المعالي"),
}

func ws(words ...string) lexicon.WordSet { return lexicon.NewWordSet(words...) }

// is reports whether token i exists, is a word, and one of its readings is
// in set.
func is(toks []arabic.Token, i int, set lexicon.WordSet) bool {
	return i >= 0 && i < len(toks) && toks[i].Kind == arabic.Word && set.Has(&toks[i])
}

// bareIs reports whether token i, without a glued conjunction, is in set
// (no other clitic stripped: اليوم is not يوم).
func bareIs(toks []arabic.Token, i int, set lexicon.WordSet) bool {
	return i >= 0 && i < len(toks) && toks[i].Kind == arabic.Word && (set.Contains(toks[i].Bare()) || set.Contains(toks[i].Norm))
}

func punct(toks []arabic.Token, i int, chars string) bool {
	return i >= 0 && i < len(toks) && toks[i].IsPunct(chars)
}

// gluedPrep returns the preposition glued to a token's front in the
// reading that yields stem (ب، ل، ك), or "".
func gluedPrep(t *arabic.Token, stem string) string {
	for _, a := range t.An {
		if a.Stem != stem && !(strings.HasPrefix(stem, "ال") && a.Stem == stem[len("ال"):]) {
			continue
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
	return ""
}

// hasPronounSuffix reports whether a word ends in an attached pronoun
// (ه، ها، هم، هما): زيارته, استقباله.
func hasPronounSuffix(t *arabic.Token) bool {
	if t.Kind != arabic.Word || len(t.An) == 0 {
		return false
	}
	raw := arabic.StripMarks(t.Raw)
	for _, p := range []string{"هما", "هم", "ها", "ه"} {
		if strings.HasSuffix(raw, p) && !strings.HasSuffix(raw, "اه") && arabic.RuneLen(raw) > 3 {
			return true // the written ه, not the ة that folding makes ه
		}
	}
	return false
}

// definite reports whether token i is a word with the article (after a
// conjunction): الزيارة, والزيارة.
func definite(toks []arabic.Token, i int) bool {
	if i < 0 || i >= len(toks) || toks[i].Kind == arabic.Punct {
		return false
	}
	t := &toks[i]
	return t.An[0].Definite() || t.ConjGlued() && len(t.An) > 1 && t.An[1].Definite()
}

// lastReading is the token's most stripped reading.
func lastReading(t *arabic.Token) arabic.Analysis {
	if len(t.An) == 0 {
		return arabic.Analysis{Stem: t.Norm}
	}
	return t.An[len(t.An)-1]
}

// conjGlued reports whether a و or ف at the front of token i is a glued
// conjunction: never for a word the lexicon knows whole (فيصل, وليد, وصل,
// وزير).
func (d *doc) conjGlued(toks []arabic.Token, i int) bool {
	if i < 0 || i >= len(toks) || !toks[i].ConjGlued() {
		return false
	}
	whole := []arabic.Token{{Kind: arabic.Word, Norm: toks[i].Norm, An: toks[i].An[:1]}}
	lx := d.x.lx
	if lx.Given.Has(whole, 0) || lx.Entities.Has(whole, 0) || lx.Titles.Has(whole, 0) || lx.Triggers.Has(whole, 0) || g.nameParticles.Contains(toks[i].Norm) ||
		d.x.w.stop.Contains(toks[i].Norm) || d.x.w.exclude.Contains(toks[i].Norm) || d.x.w.institution.Contains(toks[i].Norm) || d.x.w.collective.Contains(toks[i].Norm) {
		return false
	}
	if rest, ok := strings.CutPrefix(toks[i].Norm, "ف"); ok {
		// ف glues far less often than و, and many names start with it
		// («فهمي»، «فاروق»): a conjunction only before a word we know.
		return d.knownWord(rest)
	}
	return true
}

// wordAlone is a normalised word as a token of its own, with itself for
// its only reading: for asking the lexicon about a stem («ي» + a stem in
// ت, a word less its ف or ب).
func wordAlone(w string) []arabic.Token {
	return []arabic.Token{{Kind: arabic.Word, Norm: w, An: []arabic.Analysis{{Stem: w}}}}
}

// knownWord reports whether the lexicon knows a normalised word as one
// of its own: a name, an entity, a title, a trigger, a particle, a
// carrying verb or a collective.
func (d *doc) knownWord(w string) bool {
	lx, part := d.x.lx, wordAlone(w)
	return lx.Given.Has(part, 0) || lx.Entities.Has(part, 0) || lx.Titles.Has(part, 0) || lx.Triggers.Has(part, 0) ||
		d.x.w.stop.Contains(w) || d.x.w.light.Contains(w) || d.x.w.collective.Contains(w)
}

// imperfect reports whether the word at k is a verb in the imperfect: its
// stem starts with ي, or with ت where the ي form is also one the lexicon
// knows (تزور، تجري; not تباحث، تلقى).
func (d *doc) imperfect(toks []arabic.Token, k int) bool {
	stem := lastReading(&toks[k]).Stem
	if strings.HasPrefix(stem, "ي") {
		return true
	}
	rest, ok := strings.CutPrefix(stem, "ت")
	return ok && (d.x.lx.Triggers.Has(wordAlone("ي"+rest), 0) || d.x.w.light.Contains("ي"+rest))
}

// leadingPerson is the first person named in a sentence before token at,
// as its subject (not after a preposition), or nil: whom «ثم التقى»، a
// participle or «حيث» go on with.
func (s *sent) leadingPerson(at int) *Entity {
	for k := 0; k < len(s.ments) && s.ments[k].to <= at; k++ {
		if m := s.ments[k]; m.ent.Kind == model.Person && !m.ent.Unnamed && !s.prepBefore(m) && m.prep == "" {
			return m.ent
		}
	}
	return nil
}
