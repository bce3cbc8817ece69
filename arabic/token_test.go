package arabic

import (
	"strings"
	"testing"
)

// TestTokenFactsAsLookedUp: what the tokenizer works out once per word
// (the reading Bare returns, the closed-class bits of both forms) is what
// looking them up for the token gives, with and without a word cache,
// and for a token made by hand (nothing worked out).
func TestTokenFactsAsLookedUp(t *testing.T) {
	text := "وقال الرئيس الذي وصل أمس إن الزيارة التي بدأت فالتقى والذين وبعد أن ولكن فإن"
	for _, cache := range []*Cache{nil, {}} {
		toks := Tokenize(nil, text, 0, len(text), cache)
		worked, closed := 0, 0
		for i := range toks {
			tk := &toks[i]
			plain := Token{Kind: tk.Kind, Norm: tk.Norm, An: tk.An} // as made by hand
			if tk.Bare() != plain.Bare() {
				t.Errorf("%s: Bare %q, looked up %q", tk.Raw, tk.Bare(), plain.Bare())
			}
			n1, b1 := tk.closedClasses()
			n2, b2 := plain.closedClasses()
			if n1 != n2 || b1 != b2 || n2 != closedClass[tk.Norm] || b2 != closedClass[plain.Bare()] {
				t.Errorf("%s: closed classes %b/%b, looked up %b/%b", tk.Raw, n1, b1, n2, b2)
			}
			if tk.bare > 0 {
				worked++
			}
			if n1|b1 != 0 {
				closed++
			}
		}
		if closed < 4 {
			t.Errorf("only %d closed-class words found: the text no longer tests them", closed)
		}
		if worked != len(toks) {
			t.Errorf("%d of %d tokens have their facts worked out", worked, len(toks))
		}
	}
	rel := Tokenize(nil, "والذي", 0, len("والذي"), nil)
	if !IsRelative(&rel[0]) {
		t.Error("والذي is a relative pronoun with و")
	}
}

func TestShorter(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want bool
	}{
		{"", 1, true}, {"abc", 3, false}, {"abc", 4, true},
		{"زار", 3, false}, {"زار", 4, true},
		{strings.Repeat("ز", 39), 40, true}, {strings.Repeat("ز", 40), 40, false},
		{strings.Repeat("ز", 500), 40, false},
	} {
		if got := Shorter(c.s, c.n); got != c.want || got != (RuneLen(c.s) < c.n) {
			t.Errorf("Shorter(%d letters, %d) = %v", RuneLen(c.s), c.n, got)
		}
	}
}

// TestReadingsEndAsTheWord: Is answers no at once for a word that ends
// otherwise than the token, which holds because readings only lose
// proclitics (للكاظمي's الكاظمي too).
func TestReadingsEndAsTheWord(t *testing.T) {
	text := "وللكاظمي وبالرئيس فالتقى للقاء وسيزور كالعادة لل ال و 2024 والـ بالإمارات"
	for _, tok := range Tokenize(nil, text, 0, len(text), nil) {
		for _, a := range tok.An {
			if !strings.HasSuffix(a.Stem, tok.Norm[len(tok.Norm)-1:]) {
				t.Errorf("%q: reading %q does not end as the word", tok.Norm, a.Stem)
			}
			if !tok.Is(a.Stem) {
				t.Errorf("%q: Is(%q) = false for its own reading", tok.Norm, a.Stem)
			}
		}
	}
}
