package lexicon

import (
	"strings"
	"testing"
	"testing/fstest"

	"khatt/arabic"
	"khatt/model"
)

func toks(s string) []arabic.Token { return arabic.Tokenize(nil, s, 0, len(s), nil) }

func TestDefaultLoads(t *testing.T) {
	lx := Default()
	if lx.Triggers.Len() < 100 || lx.Entities.Len() < 300 || lx.Months.Len() < 40 {
		t.Fatalf("lexicon too small: %d triggers, %d entities, %d month names", lx.Triggers.Len(), lx.Entities.Len(), lx.Months.Len())
	}
	if lx.Version == "" {
		t.Fatal("no version")
	}
}

func TestTriggersMatchWithClitics(t *testing.T) {
	lx := Default()
	for _, c := range []struct {
		text string
		typ  model.EventType
		verb bool
	}{
		{"وبزيارته", model.Visit, false},
		{"سيلتقي", model.Talks, true},
		{"التقيا", model.Talks, true},
		{"واللقاءات", model.Talks, false},
		{"وأكدت", model.Statement, true},
		{"اتصالا هاتفيا", model.Talks, false},
		// A verb ending in a vowel drops it before the feminine ت and the
		// plural وا: نفت and نفوا are of نفى, دعت of دعا, التقوا of التقى.
		{"ونفت", model.Statement, true},
		{"نفوا", model.Statement, true},
		{"دعت", model.Statement, true},
		{"أبدت", model.Statement, true},
		{"التقوا", model.Talks, true},
		// A final hamza sits on ي or و before a pronoun: لقائه, لقاؤهما.
		{"لقائه", model.Talks, false},
		{"لقائهما", model.Talks, false},
		{"لقاؤه", model.Talks, false},
	} {
		m, ok := lx.Triggers.At(toks(c.text), 0)
		if !ok || m.Val.Type != c.typ || m.Val.Verb != c.verb {
			t.Errorf("%s: got %+v %v, want %v verb=%v", c.text, m.Val, ok, c.typ, c.verb)
		}
	}
	if m, ok := lx.Triggers.At(toks("حل الأزمة"), 0); !ok || !m.Val.Has(NeedsPlace) {
		t.Errorf("حل must need a place: %+v", m.Val)
	}
}

func TestEntitiesAndAdjectives(t *testing.T) {
	lx := Default()
	m, ok := lx.Entities.At(toks("وترمب"), 0)
	if !ok || m.Val.Name != "دونالد ترامب" || !m.Reading.Conj() {
		t.Fatalf("ترمب: %+v %v", m, ok)
	}
	m, ok = lx.Entities.At(toks("للبيت الأبيض"), 0)
	if !ok || !m.Val.Acts || m.Val.Country() != "الولايات المتحدة" || !m.Reading.Prep() {
		t.Fatalf("البيت الأبيض: %+v", m)
	}
	if a, ok := lx.Adjectives.At(toks("الأميركية"), 0); !ok || a.Val.Name != "الولايات المتحدة" {
		t.Fatalf("adjective: %+v", a)
	}
	if e := lx.Entity("العلا"); e == nil || e.Country() != "السعودية" {
		t.Fatalf("العلا: %+v", e)
	}
}

func TestCalendar(t *testing.T) {
	lx := Default()
	for text, want := range map[string]int{"جويلية": 7, "تموز": 7, "December": 12, "تشرين الثاني": 11, "أفريل": 4, "دجنبر": 12} {
		m, ok := lx.Months.At(toks(text), 0)
		if !ok || m.Val != want {
			t.Errorf("%s: got %v %v, want %d", text, m.Val, ok, want)
		}
	}
	if m, ok := lx.Numbers.At(toks("الخامس والعشرين"), 0); !ok || m.Val != 25 || m.N != 2 {
		t.Errorf("ordinal: %+v", m)
	}
	if !lx.Set("yesterday").Has(&toks("وأمس")[0]) {
		t.Error("وأمس is yesterday")
	}
}

func TestOverrideAndErrors(t *testing.T) {
	fs := fstest.MapFS{"triggers.txt": {Data: []byte("[visit verb]\nحج +place\n")}}
	lx, err := Load(fs)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := lx.Triggers.At(toks("زار"), 0); ok {
		t.Error("the override replaces triggers.txt")
	}
	if _, ok := lx.Triggers.At(toks("حج"), 0); !ok {
		t.Error("override trigger missing")
	}
	if lx.Version == Default().Version {
		t.Error("an override changes the version")
	}
	_, err = Load(fstest.MapFS{"triggers.txt": {Data: []byte("[visit verb]\nزار +nonsense\n")}})
	if err == nil || !strings.Contains(err.Error(), "triggers.txt:2") {
		t.Fatalf("want a line-numbered error, got %v", err)
	}
	_, err = Load(fstest.MapFS{"gazetteer.txt": {Data: []byte("planet | المريخ\n")}})
	if err == nil || !strings.Contains(err.Error(), "gazetteer.txt:1") {
		t.Fatalf("want a line-numbered error, got %v", err)
	}
}

// A one-word alias of two entities is a homograph: the city and the
// sultanate, in the order the gazetteer lists them, each with its harakat.
func TestHomographs(t *testing.T) {
	lx := Default()
	hs := lx.Homographs(arabic.Normalize("عمان"))
	if len(hs) != 2 || hs[0].Entity.Name != "سلطنة عمان" || hs[1].Entity.Name != "عمّان" || hs[1].Raw != "عمّان" {
		t.Fatalf("homographs of عمان: %+v", hs)
	}
	if hs := lx.Homographs(arabic.Normalize("بغداد")); hs != nil {
		t.Errorf("بغداد names one place: %+v", hs)
	}
}
