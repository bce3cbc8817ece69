package extract

import (
	"strings"
	"sync"

	"khatt/arabic"
	"khatt/lexicon"
)

// Closed-class words: the grammar the rules read, not vocabulary to edit.
// Built once; never changed.
var g = struct {
	preps, objectPreps, with, between, to, in, from, of     lexicon.WordSet
	qad, kana, comp, relative, demonstrative, dualPron      lexicon.WordSet
	during, allEach, also, said, quoteVerbs, whose, thatsIt lexicon.WordSet
	future, planned1, upon, arrival, eachOf, after          lexicon.WordSet
	styles                                                  lexicon.WordSet
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
	styles: ws("فخامة", "سمو", "معالي", "جلالة", "سعادة", "دولة", "صاحب", "السمو", "الملكي", "الجلالة", "المعالي"),
}

// ws is the set of the (normalised) words. Sets written inline in the
// rules are built once and kept: a cache of constants, never modified.
func ws(words ...string) lexicon.WordSet {
	key := strings.Join(words, "\x00")
	if s, ok := wsCache.Load(key); ok {
		return s.(lexicon.WordSet)
	}
	s := lexicon.WordSet{}
	for _, w := range words {
		s[arabic.Normalize(w)] = true
	}
	wsCache.Store(key, s)
	return s
}

var wsCache sync.Map // string → lexicon.WordSet: see ws

// is reports whether token i exists, is a word, and one of its readings is
// in set.
func is(toks []arabic.Token, i int, set lexicon.WordSet) bool {
	return i >= 0 && i < len(toks) && toks[i].Kind == arabic.Word && set.Has(&toks[i])
}

// bareIs reports whether token i, without a glued conjunction, is in set
// (no other clitic stripped: اليوم is not يوم).
func bareIs(toks []arabic.Token, i int, set lexicon.WordSet) bool {
	return i >= 0 && i < len(toks) && toks[i].Kind == arabic.Word && (set[toks[i].Bare()] || set[toks[i].Norm])
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
	if lx.Given.Has(whole, 0) || lx.Entities.Has(whole, 0) || lx.Titles.Has(whole, 0) || lx.Triggers.Has(whole, 0) ||
		d.x.w.stop[toks[i].Norm] || d.x.w.exclude[toks[i].Norm] || d.x.w.institution[toks[i].Norm] || d.x.w.collective[toks[i].Norm] {
		return false
	}
	return true
}
