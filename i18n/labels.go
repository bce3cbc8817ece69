// Package i18n holds every user-facing string of khatt, Arabic and English,
// as two tables.
package i18n

import (
	"fmt"
	"strconv"
	"time"

	"khatt/model"
)

// Labels holds every user-facing string of the reader, so that Arabic and
// English are two tables rather than scattered literals.
type Labels struct {
	Lang                          string
	RTL                           bool // the interface reads right to left
	Timeline, Event, Source       string
	Types                         map[model.EventType]string
	Undated, Planned              string
	Months                        [12]string
	Precision                     map[model.Precision]string
	Date, Actors, Place, Mentions string
	// MentionsCount heads an event's quotations: how many sources, how
	// many sentences (the timeline's [n] counts sources).
	MentionsCount                      func(sources, sentences int) string
	Conflicts, ResolvedFrom, Published string
	Fields                             map[string]string
	EventsCount, SourcesCount          func(int) string
	Problems                           string
	NoProblems                         string
	NoEvents, NoSource, NoSelection    string
	TooSmall                           string
	Search, Filter                     string
	FilterHelp                         string
	// BadFilter explains a mistake in the filter line: an unknown key
	// (want ""), or a value its key cannot take (want says what it takes:
	// "type", "date" or "confidence").
	BadFilter     func(key, value, want string) string
	Matches       func(i, n int) string
	NoMatch       string
	BelongsTo     string
	Bidi          string
	HelpTitle     string
	Keys          map[string]string
	Outlet        string
	UnknownOutlet string
	Corpus        string
	// Basis says how a date was resolved.
	Basis func(b model.Basis) string
	// Modifiers qualify a date's value: «≈ 2025-03-01», «أواخر 2024».
	Modifiers map[model.Modifier]string
	// Between gives a date's bounds when they are wider than its value.
	Between func(lo, hi string) string
	// Statuses name what the sources say of an event.
	Statuses   map[model.Status]string
	Confidence string
	Comma      string // the list separator
	BriefTitle string
	// FiltersUsed introduces the filters a briefing was made with.
	FiltersUsed string
	// The server's notices.
	Reloaded, UpToDate, NewCorpus, ShuttingDown string
	// CorpusChanged: the reader loaded the corpus again after a change on
	// disk; NotWatching: it cannot follow such changes.
	CorpusChanged, NotWatching string
	Copied                     string
	// Loading says where a load stands: the phase ("read", "extract" or
	// "merge"), articles done of total, how many came from the cache, the
	// rate (articles a second, 0: not known yet) and the current file.
	Loading func(phase string, done, total, cached int, rate float64, current string) string
}

// Arabic is the default table.
var Arabic = Labels{
	Lang: "ar", RTL: true,
	Timeline: "الخط الزمني", Event: "الحدث", Source: "المصدر",
	Types:   map[model.EventType]string{model.Visit: "زيارة", model.Talks: "محادثات", model.Statement: "تصريح"},
	Undated: "بلا تاريخ", Planned: "مرتقب",
	Months:    [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
	Precision: map[model.Precision]string{model.Day: "يوم", model.Month: "شهر", model.Year: "سنة", model.Unknown: "غير معروف"},
	Date:      "التاريخ", Actors: "الفاعلون", Place: "المكان", Mentions: "المصادر",
	MentionsCount: func(sources, sentences int) string {
		return fmt.Sprintf("المصادر: %d · الجمل المقتبسة: %d", sources, sentences)
	},
	Conflicts: "تعارضات", ResolvedFrom: "من تاريخ نشر", Published: "نُشر",
	Fields:      map[string]string{"time of day": "الوقت", "place": "المكان", "date": "التاريخ", "number": "الرقم", "calendar": "التقويم"},
	EventsCount: func(n int) string { return arabicCount(n, "حدث واحد", "حدثان", "أحداث", "حدثًا") },
	SourcesCount: func(n int) string {
		return arabicCount(n, "مصدر واحد", "مصدران", "مصادر", "مصدرًا")
	},
	Problems: "مشكلات", NoProblems: "لا مشكلات في التحميل",
	NoEvents: "لا أحداث", NoSource: "لا مصدر", NoSelection: "اختر حدثًا",
	TooSmall: "النافذة صغيرة جدًا",
	Search:   "بحث", Filter: "تصفية",
	FilterHelp: "نوع:زيارة فاعل:قاآني مكان:بغداد مصدر:002 من:2021-01 إلى:2021-12 أو كلمات للبحث",
	BadFilter: badFilter(func(key string) string {
		return "لا يوجد مفتاح تصفية «" + key + "» (المفاتيح: نوع، فاعل، مكان، مصدر، من، إلى، ثقة، بحث)"
	}, func(key, value, hint string) string {
		return "قيمة لا تصلح لـ«" + key + "»: " + value + " (" + hint + ")"
	},
		map[string]string{"type": "زيارة أو محادثات أو تصريح", "date": "تاريخ مثل 2021 أو 2021-07 أو 2021-07-27",
			"confidence": "عدد من 0 إلى 1 أو نسبة مثل 40%"}),

	Matches: func(i, n int) string { return fmt.Sprintf("%d/%d", i, n) },
	NoMatch: "لا نتائج", BelongsTo: "ينتمي إلى",
	Bidi: "الاتجاه", HelpTitle: "المفاتيح",
	Outlet: "المنفذ", UnknownOutlet: "ناشر غير معروف", Corpus: "المدونة",
	Comma: "، ", BriefTitle: "موجز الخط الزمني", FiltersUsed: "المرشحات",
	Reloaded: "حُمّلت المدونة الجديدة", UpToDate: "المدونة محدّثة",
	NewCorpus: "مدونة جديدة جاهزة: اضغط r", ShuttingDown: "الخادم يتوقف",
	CorpusChanged: "تغيّرت المدونة على القرص فحُمّلت من جديد", NotWatching: "لا تُتابَع تغييرات المدونة",
	Copied: "نُسخت الجملة كما كُتبت",
	Loading: loading("دمج أحداث %d مقالة…", "استخراج الأحداث: %d من %d مقالة جديدة أو معدّلة (%d من الذاكرة المؤقتة)",
		"قراءة المقالات: %d من %d (%d من الذاكرة المؤقتة)", "، %.0f مقالة في الثانية", "، "),

	Modifiers: map[model.Modifier]string{model.Approx: "≈ ", model.OnOrBefore: "في موعد أقصاه ", model.OnOrAfter: "ابتداءً من ",
		model.StartOf: "أوائل ", model.MidOf: "منتصف ", model.EndOf: "أواخر "},
	Between:    func(lo, hi string) string { return "بين " + lo + " و" + hi },
	Statuses:   map[model.Status]string{model.Reported: "جرى", model.Planned: "مرتقب", model.Disputed: "منفي أو موضع خلاف"},
	Confidence: "الثقة",
	Basis: func(b model.Basis) string {
		switch b.Kind {
		case model.Publication:
			return fmt.Sprintf("من تاريخ نشر %s (%s)", shortID(b.Source), b.Anchor.Format("2006-01-02"))
		case model.Context:
			return fmt.Sprintf("من سياق المقال (الجملة %d)", b.Sentence)
		case model.Assumed:
			return fmt.Sprintf("بلا تاريخ في النص: مُفترَض من تاريخ نشر %s (%s)", shortID(b.Source), b.Anchor.Format("2006-01-02"))
		case model.EventRelative:
			return fmt.Sprintf("نسبةً إلى حدث آخر («%s»)", b.Event)
		case model.Relative:
			return "تعبير نسبي وتاريخ النشر غير معروف"
		case model.Stated:
			return "مذكور في المقال"
		}
		return "مكتوب في النص"
	},
	Keys: map[string]string{
		"up": "أعلى", "down": "أسفل", "top": "الأول", "bottom": "الأخير", "pgup": "صفحة أعلى", "pgdown": "صفحة أسفل",
		"next pane": "اللوحة التالية", "prev pane": "اللوحة السابقة", "left": "إلى اليسار", "right": "إلى اليمين",
		"open": "فتح", "next mention": "المصدر التالي", "prev mention": "المصدر السابق", "search": "بحث",
		"next match": "النتيجة التالية", "prev match": "النتيجة السابقة", "filter": "تصفية", "clear": "مسح",
		"help": "مساعدة", "quit": "خروج", "problems": "المشكلات", "reload": "إعادة التحميل", "copy": "نسخ الجملة",
		"wheel": "تمرير اللوحة تحت المؤشر", "click": "تركيز اللوحة واختيار السطر",
		"arabic layout": "اللوحة العربية: المفاتيح نفسها في مواضعها",
	},
}

// English is the table for --lang en.
var English = Labels{
	Lang: "en", RTL: false,
	Timeline: "Timeline", Event: "Event", Source: "Source",
	Types:   map[model.EventType]string{model.Visit: "visit", model.Talks: "talks", model.Statement: "statement"},
	Undated: "undated", Planned: "planned",
	Months:    [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	Precision: map[model.Precision]string{model.Day: "day", model.Month: "month", model.Year: "year", model.Unknown: "unknown"},
	Date:      "Date", Actors: "Actors", Place: "Place", Mentions: "Sources",
	MentionsCount: func(sources, sentences int) string {
		return fmt.Sprintf("Sources: %d · sentences quoted: %d", sources, sentences)
	},
	Conflicts: "Conflicts", ResolvedFrom: "from the publication date of", Published: "published",
	Fields:       map[string]string{"time of day": "time of day", "place": "place", "date": "date", "number": "number", "calendar": "calendar"},
	EventsCount:  func(n int) string { return plural(n, "event") },
	SourcesCount: func(n int) string { return plural(n, "source") },
	Problems:     "problems", NoProblems: "no load problems",
	NoEvents: "no events", NoSource: "no source", NoSelection: "select an event",
	TooSmall: "window too small",
	Search:   "search", Filter: "filter",
	FilterHelp: "type:visit actor:Qaani place:Baghdad source:002 since:2021-01 until:2021-12 or words to search",
	BadFilter: badFilter(func(key string) string {
		return "no filter " + strconv.Quote(key) + " (the keys: type, actor, place, source, since, until, confidence, query)"
	}, func(key, value, hint string) string {
		return key + ": " + strconv.Quote(value) + " will not do (" + hint + ")"
	},
		map[string]string{"type": "visit, talks or statement", "date": "a date such as 2021, 2021-07 or 2021-07-27",
			"confidence": "a number from 0 to 1, or a percentage such as 40%"}),

	Matches: func(i, n int) string { return fmt.Sprintf("%d/%d", i, n) },
	NoMatch: "no match", BelongsTo: "belongs to",
	Bidi: "bidi", HelpTitle: "Keys",
	Outlet: "outlet", UnknownOutlet: "unknown publisher", Corpus: "corpus",
	Comma: ", ", BriefTitle: "Timeline briefing", FiltersUsed: "Filters",
	Reloaded: "the new corpus is loaded", UpToDate: "the corpus is up to date",
	NewCorpus: "a new corpus is ready: press r", ShuttingDown: "the server is shutting down",
	CorpusChanged: "the corpus changed on disk: loaded again", NotWatching: "changes to the corpus are not followed",
	Copied: "sentence copied as written",
	Loading: loading("merging the events of %d articles…", "extracting events: %d of %d new or changed articles (%d from the cache)",
		"reading articles: %d of %d (%d from the cache)", ", %.0f a second", ", "),

	Modifiers: map[model.Modifier]string{model.Approx: "≈ ", model.OnOrBefore: "on or before ", model.OnOrAfter: "on or after ",
		model.StartOf: "early ", model.MidOf: "mid ", model.EndOf: "late "},
	Between:    func(lo, hi string) string { return "between " + lo + " and " + hi },
	Statuses:   map[model.Status]string{model.Reported: "happened", model.Planned: "planned", model.Disputed: "denied or disputed"},
	Confidence: "confidence",
	Basis: func(b model.Basis) string {
		switch b.Kind {
		case model.Publication:
			return fmt.Sprintf("from the publication date of %s (%s)", shortID(b.Source), b.Anchor.Format("2006-01-02"))
		case model.Context:
			return fmt.Sprintf("from the article's context (sentence %d)", b.Sentence)
		case model.Assumed:
			return fmt.Sprintf("undated in the text: assumed from the publication of %s (%s)", shortID(b.Source), b.Anchor.Format("2006-01-02"))
		case model.EventRelative:
			return fmt.Sprintf("relative to another event («%s»)", b.Event)
		case model.Relative:
			return "relative, and the publication date is unknown"
		case model.Stated:
			return "stated in the article"
		}
		return "written in the text"
	},
	Keys: map[string]string{
		"up": "up", "down": "down", "top": "first", "bottom": "last", "pgup": "page up", "pgdown": "page down",
		"next pane": "next pane", "prev pane": "previous pane", "left": "pane left", "right": "pane right",
		"open": "open", "next mention": "next source", "prev mention": "previous source", "search": "search",
		"next match": "next match", "prev match": "previous match", "filter": "filter", "clear": "clear",
		"help": "help", "quit": "quit", "problems": "problems", "reload": "reload", "copy": "copy sentence",
		"wheel": "scroll the pane under the pointer", "click": "focus the pane, select the row",
		"arabic layout": "Arabic layout: same keys, same places",
	},
}

// shortID is a source ID as people cite it: "002" for "002_47b55d…".
func shortID(id string) string { return ShortID(id) }

// ShortID is a source ID as people cite it: "002" for "002_47b55d…".
func ShortID(id string) string {
	for i := 0; i < len(id) && i <= 4; i++ {
		if id[i] == '_' && i > 0 {
			return id[:i]
		}
	}
	return id
}

// arabicCount follows Arabic number agreement: one and two have their own
// forms, three to ten take the plural, eleven and more the accusative
// singular.
func arabicCount(n int, one, two, few, many string) string {
	switch {
	case n == 1:
		return one
	case n == 2:
		return two
	case n%100 >= 3 && n%100 <= 10:
		return fmt.Sprintf("%d %s", n, few)
	case n == 0:
		return fmt.Sprintf("0 %s", few)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func plural(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	return fmt.Sprintf("%d %ss", n, w)
}

// For returns the table for a language tag ("ar", "en").
func For(lang string) (Labels, error) {
	switch lang {
	case "", "ar":
		return Arabic, nil
	case "en":
		return English, nil
	}
	return Labels{}, fmt.Errorf("unknown language %q (want ar or en)", lang)
}

// MonthHeading names a month of a year: "يوليو 2021".
func (l Labels) MonthHeading(y int, m time.Month) string {
	return fmt.Sprintf("%s %d", l.Months[m-1], y)
}

// loading builds a Loading function from a language's formats: merge (the
// total), extract and read (done, total, cached), rate (a second) and the
// separator before the file at hand.
func loading(merge, extract, read, rate, sep string) func(phase string, done, total, cached int, r float64, current string) string {
	return func(phase string, done, total, cached int, r float64, current string) string {
		var s string
		switch phase {
		case "merge":
			return fmt.Sprintf(merge, total)
		case "extract":
			s = fmt.Sprintf(extract, done, total, cached)
		default:
			s = fmt.Sprintf(read, done, total, cached)
		}
		if r > 0 {
			s += fmt.Sprintf(rate, r)
		}
		if current != "" {
			s += sep + current
		}
		return s + "…"
	}
}

// badFilter builds a BadFilter function from a language's phrases and its
// hints for what a key takes.
func badFilter(unknown func(key string) string, bad func(key, value, hint string) string, hints map[string]string) func(key, value, want string) string {
	return func(key, value, want string) string {
		if want == "" {
			return unknown(key)
		}
		return bad(key, value, hints[want])
	}
}
