package extract

import (
	"slices"
	"strings"
	"testing"

	"khatt/model"
)

// Who acts: the actor of a trigger found through pronouns, relative
// clauses, light verbs and titles set off by commas.
func TestActorsFound(t *testing.T) {
	cases := []struct {
		name, text, actor, place string
		typ                      model.EventType
	}{
		{"pronoun possessor with له", "أجرى وزير الخارجية الأردني أيمن الصفدي اتصالات مكثفة، وذلك خلال زيارة له إلى بغداد يوم الأحد.",
			"أيمن الصفدي", "بغداد", model.Visit},
		{"pronoun suffix", "قال الرئيس الفرنسي إيمانويل ماكرون إن زيارته إلى الجزائر كانت ناجحة.",
			"إيمانويل ماكرون", "الجزائر", model.Visit},
		{"subject before a relative clause", "وكان الرئيس المصري عبد الفتاح السيسي، الذي وصل إلى بغداد صباح الأحد، قد اجتمع بالملك الأردني عبد الله الثاني.",
			"عبد الفتاح السيسي", "بغداد", model.Visit},
		{"light verb past titles and commas", "يُجري قائد فيلق القدس في الحرس الثوري الإيراني، إسماعيل قاآني، زيارة إلى العراق بشكل سري.",
			"إسماعيل قاآني", "العراق", model.Visit},
		{"verb-subject-object", "زار وزير الخارجية الأمريكي أنتوني بلينكن القاهرة أمس.",
			"أنتوني بلينكن", "القاهرة", model.Visit},
		{"subject-verb", "الرئيس السوري بشار الأسد يصل إلى جدة للمشاركة في القمة العربية.",
			"بشار الأسد", "جدة", model.Visit},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := one(t, article(t, "2023-05-18", c.text), c.typ)
			if !has(names(e), c.actor) {
				t.Errorf("actors %v, want %s", names(e), c.actor)
			}
			if c.place != "" && (e.Place == nil || e.Place.Name != c.place) {
				t.Errorf("place %v, want %s", e.Place, c.place)
			}
		})
	}
}

// The wrong actor: the inviter, the host, a name inside what was said,
// an object after «حيث».
func TestActorsNotConfused(t *testing.T) {
	t.Run("the invited visit, not the inviter", func(t *testing.T) {
		evs := article(t, "2024-04-20", "دعا الرئيس التونسي قيس سعيد نظيره الجزائري عبد المجيد تبون إلى زيارة تونس الأسبوع المقبل.")
		v := one(t, evs, model.Visit)
		if !has(names(v), "عبد المجيد تبون") || has(names(v), "قيس سعيد") {
			t.Errorf("visitor %v, want Tebboune", names(v))
		}
		if v.Status != model.Planned {
			t.Errorf("an invitation is a plan, got %s", v.Status)
		}
		noEvent(t, evs, model.Statement) // the invitation is no statement of its own
	})
	t.Run("the host receives, the guest visits", func(t *testing.T) {
		evs := article(t, "2021-06-27", "استقبل الرئيس العراقي برهم صالح الرئيس المصري عبد الفتاح السيسي لدى وصوله مطار بغداد الدولي اليوم الأحد.")
		v := one(t, evs, model.Visit)
		if !has(names(v), "عبد الفتاح السيسي") || has(names(v)[:v.Agents], "برهم صالح") {
			t.Errorf("visitor %v (agents %d), want Sisi", names(v), v.Agents)
		}
	})
	t.Run("a reception at the palace is a meeting", func(t *testing.T) {
		evs := article(t, "2021-06-27", "استقبل رئيس الوزراء العراقي مصطفى الكاظمي، اليوم الأحد، الملك الأردني عبد الله الثاني في القصر الحكومي ببغداد.")
		m := one(t, evs, model.Talks)
		if !has(names(m), "مصطفى الكاظمي") || !has(names(m), "عبد الله الثاني") {
			t.Errorf("parties %v", names(m))
		}
		noEvent(t, evs, model.Visit)
	})
	t.Run("a name inside the quotation is not the speaker", func(t *testing.T) {
		evs := article(t, "2024-03-06", "قال وزير الخارجية السعودي فيصل بن فرحان إن \"الرئيس بشار الأسد يعلم أن عودة سوريا مرهونة بالحل السياسي\".")
		s := one(t, evs, model.Statement)
		if names(s)[0] != "فيصل بن فرحان" {
			t.Errorf("speaker %v, want Faisal bin Farhan", names(s))
		}
	})
	t.Run("after حيث the visitor meets", func(t *testing.T) {
		evs := article(t, "2021-04-08", "أرسلت طهران قائد فيلق القدس إسماعيل قاآني إلى بغداد، حيث التقى قادة الفصائل المسلحة، ودعا إلى الهدوء.")
		m := one(t, evs, model.Talks)
		if names(m)[0] != "إسماعيل قاآني" {
			t.Errorf("talks %v: the visitor leads", names(m))
		}
		noEvent(t, evs, model.Statement) // what he said there is the meeting's
	})
	t.Run("a genitive object is no subject", func(t *testing.T) {
		evs := article(t, "2024-03-06", "ناقش وزير الخارجية المصري سامح شكري مع نظيره الأردني أيمن الصفدي نتائج زيارة الرئيس الفرنسي.")
		m := one(t, evs, model.Talks)
		if has(names(m), "ماكرون") || !has(names(m), "أيمن الصفدي") {
			t.Errorf("parties %v", names(m))
		}
	})
}

// TestTheOneMet: the guest of a reception comes past the day and the
// palace; a name far along the sentence, past other words, is not met;
// «الجانبان» go on about the meeting just told, and a date of what they
// discussed is not its date; a call that a verb was held in is that
// verb's meeting, and is held nowhere.
func TestTheOneMet(t *testing.T) {
	v := one(t, article(t, "2024-03-14", "استقبل الرئيس المصري عبد الفتاح السيسي، اليوم الخميس، بقصر الاتحادية، رئيس الوزراء العراقي محمد شياع السوداني."), model.Talks)
	if len(v.Actors) != 2 || !has(names(v), "السوداني") || v.Place == nil || v.Place.Name != "قصر الاتحادية" {
		t.Errorf("reception: %v at %v, want Sisi and al-Sudani at the palace", names(v), v.Place)
	}
	far := one(t, article(t, "2021-04-07", "وأجرى الوزير الإيراني لقاءات مع قياديي الفصائل بشأن ترتيب صفوفها قبل الانتخابات، ودفع واشنطن إلى سحب قواتها، وممارسة ضغوط على الكاظمي لوقف التقارب مع واشنطن."), model.Talks)
	if has(names(far), "الكاظمي") {
		t.Errorf("the one pressed is not met: %v", names(far))
	}
	// «على» folds to the name «علي»: written so, it is the preposition.
	near := one(t, article(t, "2021-04-07", "وأجرى الوزير الإيراني لقاءات مع قياديي الفصائل بشأن الانتخابات، وممارسة ضغوط على الكاظمي لوقف التقارب مع واشنطن."), model.Talks)
	if has(names(near), "الكاظمي") {
		t.Errorf("«ضغوط على الكاظمي» read as a name: %v", names(near))
	}
	evs := only(article(t, "2023-09-05", "استقبل الرئيس العراقي عبد اللطيف رشيد في قصر السلام، الأحد، المبعوثة الأممية جينين هينيس بلاسخارت.\nوبحث الجانبان التحضيرات للانتخابات المحلية المقررة في ديسمبر المقبل."), model.Talks)
	if len(evs) != 1 || len(evs[0].Mentions) != 2 || evs[0].Date.String() != "2023-09-03" {
		t.Errorf("«وبحث الجانبان» goes on about Sunday's meeting:%s", describe(evs))
	}
	c := one(t, article(t, "2024-03-14", "بحث الرئيس التركي رجب طيب أردوغان مع نظيره الروسي فلاديمير بوتين، في اتصال هاتفي، التطورات في سوريا."), model.Talks)
	if !c.Phone || c.Place != nil || len(c.Actors) != 2 {
		t.Errorf("a call: phone %v, place %v, sides %v", c.Phone, c.Place, names(c))
	}
}

// TestSidelines: a summit named as where two leaders met is no event of
// its own; named alone, it is one.
func TestSidelines(t *testing.T) {
	evs := only(article(t, "2023-09-10", "التقى الرئيس الصيني شي جين بينغ رئيس الوزراء الهندي ناريندرا مودي على هامش قمة مجموعة العشرين في نيودلهي أمس."), model.Talks)
	if len(evs) != 1 || len(evs[0].Actors) != 2 {
		t.Errorf("a meeting on a summit's sidelines:%s", describe(evs))
	}
	evs = only(article(t, "2023-09-10", "انطلقت أمس في نيودلهي أعمال قمة مجموعة العشرين بمشاركة قادة الدول الأعضاء."), model.Talks)
	if len(evs) != 1 {
		t.Errorf("the summit itself:%s", describe(evs))
	}
}

// TestDuringHisMeeting: «خلال لقائه X» is a meeting with X, which what is
// said in it joins; «خلال استقباله وفدا» with no guest named is no trip of
// the host's.
func TestDuringHisMeeting(t *testing.T) {
	evs := article(t, "2025-04-05", "وشدد الرئيس اللبناني جوزيف عون خلال لقائه المبعوثة الأمريكية مورغان أورتاغوس في بعبدا على ضرورة انسحاب إسرائيل.")
	m := one(t, evs, model.Talks)
	if len(m.Actors) != 2 || !has(names(m), "أورتاغوس") {
		t.Errorf("the meeting:%s", describe(evs))
	}
	noEvent(t, evs, model.Statement)
	evs = article(t, "2024-03-14", "أكد رئيس الوزراء العراقي محمد شياع السوداني، الأربعاء، خلال استقباله وفدا من الكونغرس الأمريكي، أهمية الشراكة بين البلدين.")
	noEvent(t, evs, model.Visit)
}

// TestGist: a statement's gist is what was said: after أنّ or a colon, or
// else past the speaker, the day, «خلال …،» and «على لسان …،» and the
// preposition the verb takes.
func TestGist(t *testing.T) {
	for _, c := range []struct{ text, gist string }{
		{"وأعرب الأمين العام للأمم المتحدة أنطونيو غوتيريش، اليوم، عن قلقه البالغ إزاء التصعيد.", "قلقه البالغ إزاء التصعيد"},
		{"وكانت الكويت أعلنت يوم أمس الإثنين على لسان وزير خارجيتها، عن التوصل لاتفاق على فتح الحدود.", "التوصل لاتفاق على فتح الحدود"},
		{"أكد رئيس الوزراء العراقي محمد شياع السوداني، الأربعاء، خلال استقباله وفدا من رجال الأعمال، أهمية الشراكة.", "أهمية الشراكة"},
		{"نفت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا التقارير عن لقاء مرتقب بين الرئيسين.", "التقارير عن لقاء مرتقب بين الرئيسين"},
		{"وقال وزير الخارجية الإيراني عباس عراقجي إن بلاده لن تتفاوض تحت الضغط.", "بلاده لن تتفاوض تحت الضغط"},
		{"وهدد القيادي في الحشد نصر الشمري بـ\"استمرار العمليات\" حتى الانسحاب.", "استمرار العمليات حتى الانسحاب"},
		{"وأشار الرئيس التونسي قيس سعيد إلى أهمية التنسيق بين البلدين.", "أهمية التنسيق بين البلدين"},
		{"وقال المتحدث باسم الرئاسة المصرية إن الرئيس عبد الفتاح السيسي أكد دعم مصر لأمن السودان.", "دعم مصر لأمن السودان"},
		{"وأكد وزير الخارجية المصري سامح شكري خلال المؤتمر الصحفي ضرورة وقف إطلاق النار.", "ضرورة وقف إطلاق النار"},
		{"وأكد العاهل الأردني الملك عبد الله الثاني خلال المباحثات حرص الأردن على تعزيز العلاقات.", "حرص الأردن على تعزيز العلاقات"},
	} {
		s := one(t, article(t, "2024-03-14", c.text), model.Statement)
		if s.Gist != c.gist {
			t.Errorf("%s\ngist %q, want %q", c.text, s.Gist, c.gist)
		}
	}
}

// TestNextMonthsTrip: a nationality closes a title, so the place after it
// is the destination; a trip dated next month is planned, whatever the
// verb's tense.
func TestNextMonthsTrip(t *testing.T) {
	v := one(t, article(t, "2024-07-18", "يزور رئيس الوزراء العراقي واشنطن منتصف الشهر المقبل تلبية لدعوة من الرئيس الأمريكي."), model.Visit)
	if v.Place == nil || v.Place.Name != "واشنطن" || v.Status != model.Planned || v.Date.String() != "2024-08" {
		t.Errorf("trip:%s", describe([]Event{v}))
	}
}

// TestSurnameAfterTitle: a second nationality after a title is a nisba
// surname, of the one the lexicon knows of the title's country; and
// «يلتقي خلالها» is the visitor meeting whom follows.
func TestSurnameAfterTitle(t *testing.T) {
	m := one(t, article(t, "2024-03-15", "التقى الرئيس السيسي أمس في القاهرة رئيس الحكومة العراقية السوداني، وتناول اللقاء ملفات التعاون."), model.Talks)
	if !slices.Contains(names(m), "محمد شياع السوداني") {
		t.Errorf("participants %v, want al-Sudani", names(m))
	}
	m = one(t, article(t, "2024-03-19", "بدأ بلينكن، الثلاثاء، زيارة إلى السعودية يلتقي خلالها ولي العهد السعودي."), model.Talks)
	if len(m.Actors) != 2 || !has(names(m), "بلينكن") {
		t.Errorf("the visitor meets the crown prince: %v", names(m))
	}
}

// A call received names its caller after «من»; a call announced with
// «سيتحدث هاتفيا مع» is a planned call.
func TestCalls(t *testing.T) {
	c := one(t, article(t, "2021-05-13", "تلقى الرئيس العراقي برهم صالح اليوم اتصالا هاتفيا من العاهل الأردني الملك عبد الله الثاني، هنأه فيه بعيد الفطر."), model.Talks)
	if n := names(c); len(n) != 2 || !has(n, "برهم صالح") || !has(n, "عبد الله الثاني") || !c.Phone {
		t.Errorf("the call and its caller: %s", describe([]Event{c}))
	}
	p := one(t, article(t, "2022-03-16", "وقالت الرئاسة الفرنسية إن الرئيس إيمانويل ماكرون سيتحدث هاتفيا مع نظيره الروسي فلاديمير بوتين يوم الجمعة."), model.Talks)
	if p.Status != model.Planned || !p.Phone || !has(names(p), "بوتين") {
		t.Errorf("a planned call: %s", describe([]Event{p}))
	}
}

// A bare title is the person the article named with the bare title, not
// a foreign one named since with a country («الرئيس جو بايدن … الرئيس
// الصيني … الرئيس سيتوجه»); a name glued with و after a title is someone
// else («ولي العهد ونتنياهو»).
func TestBareTitle(t *testing.T) {
	text := "قال البيت الأبيض إن الرئيس جو بايدن بحث مع الرئيس الصيني شي جين بينغ في اتصال هاتفي الأزمة.\n" +
		"وأضاف البيان أن الرئيس سيتوجه إلى بروكسل الأسبوع المقبل."
	v := one(t, article(t, "2022-03-18", text), model.Visit)
	if n := names(v); len(n) != 1 || n[0] != "جو بايدن" {
		t.Errorf("the traveller: %v", n)
	}
	text = "أشاد ولي العهد السعودي الأمير محمد بن سلمان بالعلاقات مع تركيا.\n" +
		"ووصل الرئيس التركي رجب طيب أردوغان إلى جدة أمس.\n" +
		"والتقى ولي العهد وأردوغان في قصر السلام."
	for _, e := range only(article(t, "2023-07-18", text), model.Talks) {
		if e.Status == model.Reported && (!has(names(e), "محمد بن سلمان") || !has(names(e), "أردوغان")) {
			t.Errorf("«ولي العهد وأردوغان» is two people: %s", describe([]Event{e}))
		}
	}
}

// Where they met, and what they talked about: «في الرياض» between the
// verb and its noun is the venue, «الحرب في أوكرانيا» the topic; «في مقر
// الرئاسة» is where, and the guest named after it is met.
func TestVenueAndTopic(t *testing.T) {
	tk := one(t, article(t, "2023-02-26", "وأجرت وزيرة الخارجية الألمانية أنالينا بيربوك في الرياض محادثات مع نظيرها السعودي الأمير فيصل بن فرحان تناولت الحرب في أوكرانيا."), model.Talks)
	if tk.Place == nil || tk.Place.Name != "الرياض" {
		t.Errorf("venue: %s", describe([]Event{tk}))
	}
	tk = one(t, article(t, "2024-01-10", "وبحث الرئيس المصري عبد الفتاح السيسي مع العاهل الأردني الملك عبد الله الثاني التطورات في غزة."), model.Talks)
	if tk.Place != nil {
		t.Errorf("a topic is no venue: %s", describe([]Event{tk}))
	}
	tk = one(t, article(t, "2024-01-10", "التقى الرئيس الفلسطيني محمود عباس، اليوم، في مقر الرئاسة بمدينة رام الله، وزير الخارجية الأمريكي أنتوني بلينكن."), model.Talks)
	if n := names(tk); !has(n, "بلينكن") || has(n, "الرئاسة") {
		t.Errorf("the guest after where: %v", n)
	}
	tk = one(t, article(t, "2021-11-08", "استقبل الرئيس الجزائري عبد المجيد تبون المبعوث الشخصي للأمين العام للأمم المتحدة إلى الصحراء الغربية ستافان دي ميستورا."), model.Talks)
	if n := names(tk); len(n) != 2 || !has(n, "ستافان دي ميستورا") {
		t.Errorf("an envoy's long title and a name with a particle: %v", n)
	}
}

// A surname that starts with ب is no preposition: «وقالت بيربوك» is the
// minister speaking.
func TestSurnameWithBa(t *testing.T) {
	text := "بدأت وزيرة الخارجية الألمانية أنالينا بيربوك اليوم جولة خليجية.\nوقالت بيربوك للصحفيين إن التعاون مهم."
	s := one(t, article(t, "2023-02-26", text), model.Statement)
	if n := names(s); len(n) != 1 || n[0] != "أنالينا بيربوك" {
		t.Errorf("speaker %v", n)
	}
}

// «استضافت مدينة العقبة قمة» is held at Aqaba by the leaders it brought
// together; «القمة السابقة … في بغداد في حزيران الماضي» is another summit,
// of its own date.
func TestHostCity(t *testing.T) {
	text := "استضافت مدينة العقبة اليوم الجمعة قمة ثلاثية جمعت العاهل الأردني الملك عبدالله الثاني والرئيس المصري عبد الفتاح السيسي ورئيس الوزراء العراقي مصطفى الكاظمي.\n" +
		"وكانت القمة الثلاثية السابقة قد عقدت في بغداد في حزيران الماضي."
	evs := only(article(t, "2022-03-25", text), model.Talks)
	var aqaba, baghdad *Event
	for i, e := range evs {
		switch {
		case e.Place != nil && e.Place.Name == "العقبة":
			aqaba = &evs[i]
		case e.Place != nil && e.Place.Name == "بغداد":
			baghdad = &evs[i]
		}
	}
	if aqaba == nil || len(aqaba.Actors) != 3 || aqaba.Date.String() != "2022-03-25" {
		t.Fatalf("the summit at Aqaba: %s", describe(evs))
	}
	if baghdad != nil && baghdad.Date.String() != "2021-06" {
		t.Errorf("the earlier summit: %s", describe([]Event{*baghdad}))
	}
}

// A delegation's trip is its head's: «وفد … برئاسة أمين المجلس … علي
// شمخاني»; what he does «خلال الزيارة» is where it went.
func TestHeadedDelegation(t *testing.T) {
	text := "وصل وفد إيراني رفيع برئاسة أمين المجلس الأعلى للأمن القومي علي شمخاني إلى بغداد، أمس السبت، في زيارة تستغرق يومين.\n" +
		"والتقى شمخاني خلال الزيارة رئيس الوزراء العراقي محمد شياع السوداني."
	evs := article(t, "2023-04-09", text)
	v := one(t, evs, model.Visit)
	if n := names(v); len(n) != 1 || n[0] != "علي شمخاني" {
		t.Errorf("visitor %v", n)
	}
	tk := one(t, evs, model.Talks)
	if tk.Place == nil || tk.Place.Name != "بغداد" {
		t.Errorf("talks during the visit: %s", describe([]Event{tk}))
	}
}

// Going back is a visit for a foreigner, not for one going home; «ثم توجه
// إلى قصر بعبدا حيث التقى الرئيس عون» is the traveller meeting Aoun; «رئيس
// دولة أجنبية» is no one.
func TestGoingBack(t *testing.T) {
	text := "وصل الرئيس الفرنسي إيمانويل ماكرون إلى بيروت، الخميس، في أول زيارة لرئيس دولة أجنبية منذ الانفجار.\n" +
		"وتفقد ماكرون المرفأ، ثم توجه إلى قصر بعبدا حيث التقى الرئيس اللبناني ميشال عون.\n" +
		"وسيعود ماكرون إلى لبنان في الأول من أيلول المقبل."
	evs := article(t, "2020-08-06", text)
	var planned int
	for _, v := range only(evs, model.Visit) {
		if n := names(v); len(n) != 1 || n[0] != "إيمانويل ماكرون" {
			t.Errorf("visitor %v", n)
		}
		if v.Status == model.Planned {
			planned++
		}
	}
	if planned != 1 {
		t.Errorf("the return to come: %s", describe(evs))
	}
	if n := names(one(t, evs, model.Talks)); len(n) != 2 || !has(n, "ماكرون") {
		t.Errorf("who met Aoun: %v", n)
	}
	noEvent(t, article(t, "2024-04-19", "وعاد رئيس الوزراء العراقي محمد شياع السوداني إلى بغداد مساء أمس قادما من واشنطن."), model.Visit)
}

// «زيارة سرية أجراها X» is X's visit (a relative clause without الذي); what
// he did «خلالها» is dated by the visit, not by the day it was disclosed;
// «زعيم ائتلاف دولة القانون نوري المالكي» is one man.
func TestDisclosedVisit(t *testing.T) {
	evs := article(t, "2022-02-08", "كشفت مصادر عراقية، الثلاثاء، عن زيارة سرية أجراها قائد فيلق القدس إسماعيل قاآني إلى بغداد، التقى خلالها زعيم ائتلاف دولة القانون نوري المالكي.")
	v := one(t, evs, model.Visit)
	if n := names(v); len(n) != 1 || n[0] != "إسماعيل قاآني" {
		t.Errorf("visitor %v", n)
	}
	tk := one(t, evs, model.Talks)
	if n := names(tk); len(n) != 2 || !has(n, "نوري المالكي") || !has(n, "قاآني") {
		t.Errorf("parties %v", n)
	}
	if tk.Date.Basis.Kind != model.Assumed && tk.Date.Basis.Kind != model.EventRelative {
		t.Errorf("the talks are dated by the visit, not the disclosure: %s (%v)", tk.Date, tk.Date.Basis.Kind)
	}
}

// A joint statement and the talks it reports: «صدر بيان مشترك عن X وY وZ»
// is theirs; «المباحثات جرت … بين وفدي البلدين برئاسة A وB» are A's and
// B's; «مساعد بن محمد العيبان» is a name (a word before بن is a given
// name) and «وعلي شمخاني» another.
func TestJointStatement(t *testing.T) {
	text := "صدر اليوم بيان مشترك عن المملكة العربية السعودية وجمهورية إيران الإسلامية وجمهورية الصين الشعبية، أعلنت فيه الدول الثلاث التوصل إلى اتفاق.\n" +
		"وجاء في البيان أن المباحثات جرت في بكين خلال الفترة من 6 إلى 10 مارس 2023 بين وفدي البلدين برئاسة مساعد بن محمد العيبان وعلي شمخاني."
	evs := article(t, "2023-03-11", text)
	st := one(t, evs, model.Statement)
	if len(st.Actors) != 3 || !strings.HasPrefix(st.Gist, "الدول الثلاث") {
		t.Errorf("the joint statement: %v %q", names(st), st.Gist)
	}
	tk := one(t, evs, model.Talks)
	if n := names(tk); len(n) != 2 || !has(n, "مساعد بن محمد العيبان") || !has(n, "علي شمخاني") || tk.Place == nil || tk.Place.Name != "بكين" {
		t.Errorf("the talks: %s", describe([]Event{tk}))
	}
}

// «وكان X قد أجرى مباحثات»: the subject before قد carries the noun.
func TestSubjectBeforeQad(t *testing.T) {
	tk := one(t, article(t, "2024-05-15", "وكان وزير الخارجية المغربي ناصر بوريطة قد أجرى الأسبوع الماضي مباحثات هاتفية مع نظيره الإسباني."), model.Talks)
	if !has(names(tk), "ناصر بوريطة") {
		t.Errorf("parties %v", names(tk))
	}
}

// Who took part, and where: «وشارك في الاجتماع كل من X وY وZ» names the
// ministers «وزراء خارجية مصر والأردن والعراق» stood for; a meeting «على
// هامش أعمال الجمعية العامة في نيويورك» is held in New York.
func TestTookPart(t *testing.T) {
	text := "عقد وزراء خارجية مصر والأردن والعراق اجتماعا ثلاثيا في القاهرة اليوم الأحد.\n" +
		"وشارك في الاجتماع كل من سامح شكري وأيمن الصفدي وفؤاد حسين."
	tk := one(t, article(t, "2023-08-13", text), model.Talks)
	if n := names(tk); len(n) != 3 || !has(n, "سامح شكري") || !has(n, "أيمن الصفدي") || !has(n, "فؤاد حسين") {
		t.Errorf("parties %v", n)
	}
	tk = one(t, article(t, "2022-09-21", "على هامش أعمال الدورة السابعة والسبعين للجمعية العامة للأمم المتحدة في نيويورك، التقى رئيس الحكومة اللبنانية نجيب ميقاتي الرئيس الفرنسي إيمانويل ماكرون."), model.Talks)
	if tk.Place == nil || tk.Place.Name != "نيويورك" {
		t.Errorf("venue: %s", describe([]Event{tk}))
	}
}

// A long name with its titles and praise counts as one word between a
// carrying verb and its noun; «سموه» is the sheikh addressed so, «فخامته»
// the president.
func TestLongAddress(t *testing.T) {
	text := "تلقى صاحب السمو الشيخ محمد بن زايد آل نهيان رئيس الدولة \"حفظه الله\" اتصالاً هاتفياً من فخامة الرئيس إيمانويل ماكرون رئيس الجمهورية الفرنسية.\n" +
		"وبحث سموه وفخامته خلال الاتصال العلاقات بين البلدين."
	tk := one(t, article(t, "2024-10-01", text), model.Talks)
	if n := names(tk); len(n) != 2 || !has(n, "محمد بن زايد") || !has(n, "ماكرون") || !tk.Phone || len(tk.Mentions) < 2 {
		t.Errorf("the call: %s", describe([]Event{tk}))
	}
	noEvent(t, article(t, "2021-04-10", "وأوضحت أن العرض الذي قامت به الميليشيات المسلحة مؤخرًا، دفع رئيس الوزراء مصطفى الكاظمي إلى إرسال رسالة إلى طهران."), model.Visit)
}

// «رفض نتنياهو الدعوات، قائلا إن …»: the participle goes on with its own
// sentence's subject, not with the speaker of the sentence before.
func TestParticipleSubject(t *testing.T) {
	text := "ودعا الأمين العام للأمم المتحدة أنطونيو غوتيريش إلى حماية المدنيين.\n" +
		"في المقابل، رفض رئيس الوزراء الإسرائيلي بنيامين نتنياهو هذه الدعوات، قائلا إن الحرب ستستمر."
	evs := only(article(t, "2024-06-11", text), model.Statement)
	if len(evs) != 2 {
		t.Fatalf("two statements: %s", describe(evs))
	}
	for _, e := range evs {
		if strings.Contains(e.Gist, "الحرب") && !has(names(e), "نتنياهو") {
			t.Errorf("who said the war goes on: %v", names(e))
		}
	}
}

// «وشدد وزيرا خارجية مصر والأردن على …»: an office of two, named by its
// countries, speaks; not the speaker of the sentence before.
func TestDualOffice(t *testing.T) {
	text := "أكدت وزيرة الخارجية الأسترالية بيني وونغ أن بلادها تدعم حل الدولتين.\n" +
		"وشدد وزيرا خارجية مصر والأردن على ضرورة وقف إطلاق النار فورا."
	e := firstTold(t, only(article(t, "2024-06-11", text), model.Statement), "وزيرا")
	if n := names(e); len(n) != 2 || !has(n, "مصر") || !has(n, "الأردن") || !strings.HasPrefix(e.Gist, "ضرورة") {
		t.Errorf("the two ministers: %v %q", n, e.Gist)
	}
}
