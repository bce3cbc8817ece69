package timeline

import (
	"testing"
	"time"

	"khatt/model"
)

func TestDates(t *testing.T) {
	lx := DefaultLexicon()
	// 2021-07-28 is a Wednesday.
	pub := anchor{pub: time.Date(2021, 7, 28, 0, 0, 0, 0, time.UTC), source: "x"}
	for _, tc := range []struct {
		text, want string
		prec       model.Precision
		tod        string
	}{
		{"وصل الثلاثاء إلى بغداد", "2021-07-27", model.Day, ""},
		{"وصل يوم الأربعاء الماضي", "2021-07-21", model.Day, ""},
		{"وصل الأربعاء", "2021-07-28", model.Day, ""},
		{"يصل الخميس المقبل", "2021-07-29", model.Day, ""},
		{"وصل أمس", "2021-07-27", model.Day, ""},
		{"وصل أمس الأول", "2021-07-26", model.Day, ""},
		{"وصل أول أمس", "2021-07-26", model.Day, ""},
		{"وصل اليوم", "2021-07-28", model.Day, ""},
		{"وصل ظهر اليوم الثلاثاء", "2021-07-27", model.Day, "noon"},
		{"وصل صباح الثلاثاء", "2021-07-27", model.Day, "morning"},
		{"وصل الثلاثاء مساء", "2021-07-27", model.Day, "evening"},
		{"زار في الشهر الماضي", "2021-06", model.Month, ""},
		{"زار العام الماضي", "2020", model.Year, ""},
		{"حوار بدأ في يونيو الماضي", "2021-06", model.Month, ""},
		{"حوار بدأ في يوليو الماضي", "2020-07", model.Month, ""},
		{"في حزيران الماضي", "2021-06", model.Month, ""},
		{"في أغسطس المقبل", "2021-08", model.Month, ""},
		{"في يناير", "2021-01", model.Month, ""},
		{"في كانون الثاني 2020", "2020-01", model.Month, ""},
		{"يوم 26 يوليو 2021", "2021-07-26", model.Day, ""},
		{"يوم 26 تموز 2021", "2021-07-26", model.Day, ""},
		{"نهاية أغسطس/ آب 2021", "2021-08", model.Month, ""},
		{"في 26/7/2021", "2021-07-26", model.Day, ""},
		{"في 2021-07-26", "2021-07-26", model.Day, ""},
		{"نشر في 18-08-2020", "2020-08-18", model.Day, ""},
		{"في ٢٦ يوليو ٢٠٢١", "2021-07-26", model.Day, ""},
		{"عام 2019", "2019", model.Year, ""},
		{"مطلع العام", "2021", model.Year, ""},
		{"قبل يومين", "2021-07-26", model.Day, ""},
		{"في 15 ذي الحجة 1442 هـ", "2021-07-25", model.Day, ""},
	} {
		toks := Tokenize(tc.text, 0, len(tc.text))
		ds := lx.findDates(tc.text, toks, pub)
		if len(ds) != 1 {
			t.Errorf("%q: %d dates, want 1", tc.text, len(ds))
			continue
		}
		d := ds[0].date
		if d.String() != tc.want || d.Precision != tc.prec || d.TimeOfDay != tc.tod {
			t.Errorf("%q = %s (%s, %q), want %s (%s, %q)", tc.text, d, d.Precision, d.TimeOfDay, tc.want, tc.prec, tc.tod)
		}
	}
}

func TestDatesAreNotWordsLikeThem(t *testing.T) {
	lx := DefaultLexicon()
	pub := anchor{pub: time.Date(2021, 7, 28, 0, 0, 0, 0, time.UTC)}
	for _, text := range []string{"مارس ضغوطا على الحكومة", "قال الأب إن", "العام الدراسي", "الشهر العقاري"} {
		toks := Tokenize(text, 0, len(text))
		if ds := lx.findDates(text, toks, pub); len(ds) > 0 {
			t.Errorf("%q: found a date %s", text, ds[0].date)
		}
	}
}

func TestRelativeDatesWithoutPublicationStayRelative(t *testing.T) {
	lx := DefaultLexicon()
	for _, text := range []string{"وصل الثلاثاء", "وصل أمس", "في يونيو الماضي", "الشهر الماضي"} {
		toks := Tokenize(text, 0, len(text))
		ds := lx.findDates(text, toks, anchor{})
		if len(ds) != 1 || ds[0].date.Known() || ds[0].date.Expr == "" {
			t.Errorf("%q without a publication date: got %+v, want one unresolved date keeping its words", text, ds)
		}
	}
	// An absolute date needs no anchor.
	text := "يوم 26 يوليو 2021"
	ds := lx.findDates(text, Tokenize(text, 0, len(text)), anchor{})
	if len(ds) != 1 || ds[0].date.String() != "2021-07-26" {
		t.Errorf("absolute date without anchor: %+v", ds)
	}
}

func TestHijriBesideGregorian(t *testing.T) {
	lx := DefaultLexicon()
	agree := "يوم الأحد 15 ذي الحجة 1442 هـ الموافق 25 يوليو 2021"
	ds := lx.findDates(agree, Tokenize(agree, 0, len(agree)), anchor{})
	if len(ds) != 1 || ds[0].date.String() != "2021-07-25" || ds[0].calendar != nil {
		t.Fatalf("agreeing calendars: %+v", ds)
	}
	differ := "يوم 28 رمضان 1436 هـ الموافق 14 تموز 2015"
	ds = lx.findDates(differ, Tokenize(differ, 0, len(differ)), anchor{})
	if len(ds) != 1 || ds[0].date.String() != "2015-07-14" || ds[0].calendar == nil || ds[0].calendar.String() != "2015-07-15" {
		t.Fatalf("disagreeing calendars: want Gregorian kept and the Hijri side (2015-07-15) recorded, got %+v", ds)
	}
}
