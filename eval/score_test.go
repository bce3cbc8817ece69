package eval

import (
	"strings"
	"testing"
)

func TestNormFoldsWhatTheScorerFolds(t *testing.T) {
	cases := map[string]string{
		"أكّدَ الرئيسُ":         "اكد الرئيس", // ئ stays: only ى is folded
		"«إلى» القاهرة، اليوم":  "الي القاهره اليوم",
		"مـــدينة آمنة":         "مدينه امنه",
		"ﻷسد":                   "لاسد", // presentation form, NFKC
		"  عدة   مسافات\tهنا  ": "عده مسافات هنا",
	}
	for in, want := range cases {
		if got := Norm(in); got != want {
			t.Errorf("Norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOverlapsRules(t *testing.T) {
	sentence := "وصل وزير الخارجية إلى العاصمة في زيارة رسمية تستغرق يومين يلتقي خلالها كبار المسؤولين."
	if !Overlaps("وزير الخارجية إلى العاصمة", sentence) {
		t.Error("a quote inside the sentence must overlap")
	}
	if !Overlaps(sentence+" وأضاف أنه سيعود.", sentence) {
		t.Error("a sentence of 25 letters or more inside the quote must overlap")
	}
	if Overlaps("وصل", "وصل") == false {
		t.Error("equal short strings overlap by containment")
	}
	if Overlaps("قال المتحدث باسم الحكومة إن الاجتماع كان مثمرا", "وصل الوفد إلى المطار") {
		t.Error("unrelated text must not overlap")
	}
	long := strings.Repeat("كلمة ", 200)
	if Overlaps("كلمة كلمة", long) {
		t.Error("a paragraph-long sentence gets no credit")
	}
	// A long common run (40 letters) is enough even when neither contains the other.
	a := "في مستهل اللقاء رحب الرئيس بضيفه الكبير وأكد عمق العلاقات بين البلدين الشقيقين ثم انتقل"
	b := "وقال بيان إن الرئيس بضيفه الكبير وأكد عمق العلاقات بين البلدين الشقيقين"
	if !Overlaps(a, b) {
		t.Error("a long common substring must overlap")
	}
}

func TestInterval(t *testing.T) {
	cases := []struct{ date, prec, lo, hi string }{
		{"2024-04-20", "day", "2024-04-20", "2024-04-20"},
		{"2024-04", "month", "2024-04-01", "2024-04-31"},
		{"2024-04-20", "month", "2024-04-01", "2024-04-31"},
		{"2024", "year", "2024-01-01", "2024-12-31"},
		{"2024-04-20", "year", "2024-01-01", "2024-12-31"},
	}
	for _, c := range cases {
		lo, hi, ok := interval(c.date, c.prec)
		if !ok || lo != c.lo || hi != c.hi {
			t.Errorf("interval(%s, %s) = %s %s %v", c.date, c.prec, lo, hi, ok)
		}
	}
	if _, _, ok := interval("", "day"); ok {
		t.Error("an empty date has no interval")
	}
}

func TestArticleOf(t *testing.T) {
	ids := []string{"d001", "d010", "h01"}
	for src, want := range map[string]string{
		"d010":                     "d010",
		"articles/d010.txt":        "d010",
		"h01_safadi_baghdad":       "h01",
		"x/h01_safadi_baghdad.txt": "h01",
		"nothing":                  "",
	} {
		if got := ArticleOf(src, ids); got != want {
			t.Errorf("ArticleOf(%q) = %q, want %q", src, got, want)
		}
	}
}

func TestScoreCountsMatchesCrossReferencesAndDates(t *testing.T) {
	g := &Gold{Articles: []GoldArticle{{ID: "a1"}, {ID: "a2"}}}
	add := func(id, typ, date, prec, status string, ms ...string) {
		e := GoldEvent{ID: id, Type: typ, Date: date, Precision: prec, Status: status}
		for i := 0; i < len(ms); i += 2 {
			e.Mentions = append(e.Mentions, struct {
				Article string `json:"article"`
				Quote   string `json:"quote"`
			}{ms[i], ms[i+1]})
		}
		g.Events = append(g.Events, e)
	}
	add("G1", "visit", "2024-05-02", "day", "", "a1", "وصل الرئيس إلى بغداد", "a2", "زيارة الرئيس إلى بغداد")
	add("G2", "statement", "2024-05", "month", "", "a1", "وقال الوزير إن")
	add("G3", "talks", "2024-06-01", "day", "planned", "a2", "سيلتقي الرئيس نظيره")
	sys, err := ParseSystem([]byte(`{"sources":[{"id":"a1","path":"x/a1.txt"},{"id":"a2","path":"x/a2.txt"}],
	"events":[
	 {"type":"visit","date":"2024-05-02","precision":"day","mentions":[{"source":"a1","sentence":"وصل الرئيس إلى بغداد اليوم."}]},
	 {"type":"visit","date":"2024-05-01","precision":"day","mentions":[{"source":"a2","sentence":"بدأ زيارة الرئيس إلى بغداد."}]},
	 {"type":"statement","date":"2024-06-03","precision":"day","mentions":[{"source":"a1","sentence":"وقال الوزير إن الزيارة مهمة."}]},
	 {"type":"talks","date":"2024-06-01","precision":"day","mentions":[{"source":"a2","sentence":"سيلتقي الرئيس نظيره غدا."}]},
	 {"type":"talks","date":"2024-06-01","precision":"day","mentions":[{"source":"a1","sentence":"جملة لا تطابق شيئا."}]}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	r := Score(g, sys)
	if r.Required != 2 || r.Recall != 1 {
		t.Errorf("required %d recall %v, want 2 and 1 (the planned event is not required)", r.Required, r.Recall)
	}
	if r.Precision != 4.0/5 {
		t.Errorf("precision %v, want 0.8 (a planned match is no error)", r.Precision)
	}
	if r.Xref != 0.5 {
		t.Errorf("xref %v, want 0.5: the visit's two reports were not joined", r.Xref)
	}
	if r.Date != 0.5 {
		t.Errorf("date %v, want 0.5: the statement's June date is outside its May", r.Date)
	}
	if len(r.Unmatched) != 1 || len(r.DateMisses) != 1 {
		t.Errorf("unmatched %v, date misses %v", r.Unmatched, r.DateMisses)
	}
}
