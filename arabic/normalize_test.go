package arabic

import (
	"strings"
	"testing"
	"unicode"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"قاآني", "قاني"},
		{"قآاني", "قاني"},
		{"قآني", "قاني"},
		{"قأني", "قاني"},
		{"إسماعيل", "اسماعيل"},
		{"مُحَمَّد", "محمد"},      // harakat
		{"الكـــاظمي", "الكاظمي"}, // tatweel
		{"مستشفى", "مستشفي"},      // ى → ي
		{"زيارة", "زياره"},        // ة → ه
		{"مسؤول", "مسوول"},        // ؤ → و
		{"رئيس", "رييس"},          // ئ → ي
		{"٢٠٢١", "2021"},          // Arabic-Indic digits
		{"۱۴۰۰", "1400"},          // Persian digits
		{"کرمانی", "كرماني"},      // Persian letters
		{"Kirby", "kirby"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFoldStripsClitics(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"بالكاظمي", "الكاظمي"},
		{"وللكاظمي", "الكاظمي"},
		{"فبإيران", "إيران"},
		{"والزيارة", "زيارة"},
		{"إسماعيل قآني", "اسماعيل قاآني"},
	} {
		if Fold(tc.a) != Fold(tc.b) {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q: want equal", tc.a, Fold(tc.a), tc.b, Fold(tc.b))
		}
	}
	if Fold("الكاظمي") == Fold("الصدر") {
		t.Error("different names fold together")
	}
}

func TestCliticFormsKeepShortWords(t *testing.T) {
	// وصل must stay a candidate as itself, and never shrink below two letters.
	forms := Analyse(Normalize("وصل"))
	if forms[0].Stem != "وصل" {
		t.Fatalf("first form = %q, want the word itself", forms[0].Stem)
	}
	for _, f := range forms {
		if len([]rune(f.Stem)) < 2 {
			t.Errorf("form %q is shorter than two letters", f.Stem)
		}
	}
}

func TestPresentationFormsAndSkeleton(t *testing.T) {
	if got := Normalize("اﻷسد"); got != "الاسد" {
		t.Errorf("lam-alef ligature: %q", got)
	}
	for _, pair := range [][2]string{{"بيرللو", "بيرييلو"}, {"ترمب", "ترامب"}} {
		if Skeleton(Normalize(pair[0])) != Skeleton(Normalize(pair[1])) {
			t.Errorf("%s and %s must share a skeleton", pair[0], pair[1])
		}
	}
	if Skeleton("بوتين") == Skeleton("بايدن") {
		t.Error("different names share a skeleton")
	}
}

func TestAnalysisFlags(t *testing.T) {
	as := Analyse(Normalize("وللكاظمي"))
	found := false
	for _, a := range as {
		if a.Stem == "الكاظمي" {
			found = true
			if !a.Conj() || !a.Prep() || !a.Definite() {
				t.Errorf("%+v: want conj, prep and definite", a)
			}
		}
	}
	if !found {
		t.Fatalf("no الكاظمي reading in %+v", as)
	}
}

// TestStripMarksFastPath: the byte scan finds every mark the rune loop
// removes, and a word without one comes back as it was.
func TestStripMarksFastPath(t *testing.T) {
	slow := func(s string) string { // every mark dropped, rune by rune
		return strings.Map(func(r rune) rune {
			if unicode.In(r, unicode.Mn) && r >= 0x064B && r <= 0x0670 || r == 0x0640 {
				return -1
			}
			return r
		}, s)
	}
	for r := rune(0x0600); r <= 0x06FF; r++ {
		for _, s := range []string{string(r), "ك" + string(r) + "تب", "abc" + string(r)} {
			if got, want := StripMarks(s), slow(s); got != want {
				t.Errorf("StripMarks(%q) = %q, want %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"", "الكاظمي", "مُحَمَّد", "قـــال", "ٱلرَّحْمَٰن", "zürich"} {
		if got, want := StripMarks(s), slow(s); got != want {
			t.Errorf("StripMarks(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestIsWordRuneFastPaths: the ASCII and Arabic-letter shortcuts answer
// as the Unicode tables do.
func TestIsWordRuneFastPaths(t *testing.T) {
	for r := rune(0); r < 0x0700; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == 0x0640
		if got := IsWordRune(r); got != want {
			t.Errorf("IsWordRune(%U) = %v, want %v", r, got, want)
		}
	}
}

// No definite article is written with a hamza: «ألباريس» has no ال reading,
// «الباريسي» and «بالرياض» keep theirs.
func TestHamzaAl(t *testing.T) {
	has := func(s, stem string) bool {
		for _, tk := range Tokenize(nil, s, 0, len(s), &Cache{}) {
			for _, a := range tk.An {
				if a.Stem == stem {
					return true
				}
			}
		}
		return false
	}
	if has("ألباريس", "باريس") {
		t.Error("ألباريس read as ال + باريس")
	}
	if !has("بالرياض", "رياض") || !has("الباريسي", "باريسي") {
		t.Error("the article lost")
	}
}
