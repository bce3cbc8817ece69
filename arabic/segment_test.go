package arabic

import (
	"strings"
	"testing"
)

func sentenceTexts(text string) []string {
	var out []string
	for _, s := range Segment(text, 0, nil) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSegmentOffsets(t *testing.T) {
	text := "قال الوزير إن النسبة 3.5% ستبقى. وأضاف: \"لن نتراجع. أبدا\".\r\nزار بايدن بغداد؟ نعم!\n\nخاتمة"
	got := Segment(text, 0, nil)
	want := []string{
		"قال الوزير إن النسبة 3.5% ستبقى.",
		"وأضاف: \"لن نتراجع. أبدا\".",
		"زار بايدن بغداد؟",
		"نعم!",
		"خاتمة",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", sentenceTexts(text), want)
	}
	for i, s := range got {
		if text[s.Start:s.End] != want[i] {
			t.Errorf("sentence %d = %q, want %q", i, text[s.Start:s.End], want[i])
		}
		if strings.ContainsAny(text[s.Start:s.End], "\r\n") {
			t.Errorf("sentence %d keeps a line break", i)
		}
		if s.Index != i {
			t.Errorf("sentence %d has index %d", i, s.Index)
		}
	}
	if !got[4].Headline || got[0].Headline {
		t.Errorf("a line without a full stop is a headline; a sentence of a paragraph is not")
	}
}

func TestSegmentGluedAndAbbreviated(t *testing.T) {
	for text, want := range map[string][]string{
		"وصل الوزير اليوم.وقال إن الزيارة مهمة.": {"وصل الوزير اليوم.", "وقال إن الزيارة مهمة."},
		"قال د. سمير إن الأمر انتهى.":            {"قال د. سمير إن الأمر انتهى."},
		"زار الموقع example.com أمس.":            {"زار الموقع example.com أمس."},
		"اشترت مقاتلات F-35.وأكد الرئيس ذلك.":    {"اشترت مقاتلات F-35.", "وأكد الرئيس ذلك."},
	} {
		got := sentenceTexts(text)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q: got %q, want %q", text, got, want)
		}
	}
}

func TestOverlongSentencesAreCut(t *testing.T) {
	text := strings.Repeat("زيارة، ", 1000) + "انتهى"
	for _, s := range Segment(text, 0, nil) {
		if len(s.Tokens) > MaxSentenceTokens {
			t.Fatalf("a sentence of %d tokens", len(s.Tokens))
		}
	}
}

func TestTokenizeOffsets(t *testing.T) {
	text := "وصل «قاآني» إلى بغداد، 26/7/2021 الـ4 ۴۰۲مشاهدات"
	toks := Tokenize(nil, text, 0, len(text), nil)
	for _, tok := range toks {
		if text[tok.Start:tok.End] != tok.Raw {
			t.Errorf("token %q does not match its offsets", tok.Raw)
		}
	}
	var norms []string
	for _, tok := range toks {
		norms = append(norms, tok.Norm)
	}
	if got := strings.Join(norms, " "); !strings.Contains(got, "ال 4 402 مشاهدات") {
		t.Errorf("digits and letters split: %s", got)
	}
}

func TestClauses(t *testing.T) {
	text := "زار الرئيس دمشق والتقى نظيره، حيث بحثا العلاقات، وقال إن الزيارة \"ناجحة جدا كما أردنا\" التي انتظرناها."
	toks := Tokenize(nil, text, 0, len(text), nil)
	verbs := map[string]VerbKind{"زار": Verb, "والتقي": Verb | Conj, "بحثا": Verb, "وقال": SpeechVerb | Conj}
	cs := Clauses(toks, func(i int) VerbKind { return verbs[toks[i].Norm] })
	var kinds []string
	for _, c := range cs {
		kinds = append(kinds, c.Kind.String()+":"+text[c.Start:c.End])
	}
	want := []string{"main:زار الرئيس دمشق", "coord:والتقى نظيره،", "adverbial:حيث بحثا العلاقات،", "coord:وقال", "content:إن الزيارة",
		"quote:\"ناجحة جدا كما أردنا\"", "relative:التي انتظرناها."}
	if strings.Join(kinds, "|") != strings.Join(want, "|") {
		t.Errorf("clauses:\n got %q\nwant %q", kinds, want)
	}
	if ctx, kind := Context(cs, 4); ctx != 3 || kind != Content {
		t.Errorf("context of the content clause: %d %s", ctx, kind)
	}
	// A quoted name is no clause of its own.
	text = "أعلن قصر \"الإليزيه\" عن الزيارة"
	toks = Tokenize(nil, text, 0, len(text), nil)
	if cs := Clauses(toks, func(int) VerbKind { return NotVerb }); len(cs) != 1 {
		t.Errorf("a quoted name split the clause: %d clauses", len(cs))
	}
}
