package timeline

import "testing"

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
	forms := cliticForms(Normalize("وصل"))
	if forms[0] != "وصل" {
		t.Fatalf("first form = %q, want the word itself", forms[0])
	}
	for _, f := range forms {
		if len([]rune(f)) < 2 {
			t.Errorf("form %q is shorter than two letters", f)
		}
	}
}
