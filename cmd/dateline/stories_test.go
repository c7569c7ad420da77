package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// One wire story, written for this test, as three outlets ran it: different headlines and ids,
// small edits. Another story arrives between them.
const (
	storyV1    = `{"id":"xinhua-1","url":"https://english.news.cn/a1","title":"China, Russia agree to expand energy cooperation","text":"BEIJING, Dec. 2 (Xinhua) -- Chinese Premier Li Keqiang met Russian Prime Minister Mikhail Mishustin in Beijing on Wednesday, and the two sides signed an agreement on energy cooperation.\n\nLi said China is willing to work with Russia to expand trade in oil and gas.\n\nMishustin praised the progress of the Power of Siberia gas pipeline, officials said."}`
	storyV2    = `{"id":"daily-7","url":"https://www.dailypaper.example/world/77","title":"Li, Mishustin sign energy deal in Beijing","text":"BEIJING, Dec. 2 (Xinhua) -- Chinese Premier Li Keqiang met Russian Prime Minister Mikhail Mishustin in Beijing on Wednesday, and the two sides signed an agreement on energy cooperation.\n\nLi said China is willing to work with Russia to expand trade in oil and gas.\n\nMishustin praised the progress of the Power of Siberia gas pipeline, officials told reporters."}`
	storyV3    = `{"id":"portal-3","url":"https://portal.example.org/n/3","title":"UPDATE 1-China and Russia deepen energy ties","text":"BEIJING, Dec. 2 (Xinhua) -- Chinese Premier Li Keqiang met Russian Prime Minister Mikhail Mishustin in Beijing on Wednesday, and the two sides signed an agreement on energy cooperation.\n\nLi said China is willing to work with Russia to expand trade in oil and gas.\n\nMishustin praised the progress of the Power of Siberia gas pipeline, Chinese officials said on Wednesday evening."}`
	otherStory = `{"id":"afp-9","title":"Kenyan police arrest protesters","text":"NAIROBI, Dec. 2 (AFP) -- Kenyan police arrested 40 protesters in Nairobi on Wednesday after a march against rising fuel prices turned violent, a police spokesman said.\n\nThe protesters threw stones at officers near parliament."}`
)

// TestStoryThreeReports: the same story fed three times, with different headlines and small
// edits, is one story whose events are counted once, each with NumArticles 3.
func TestStoryThreeReports(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	in := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(in, []byte(strings.Join([]string{storyV1, otherStory, storyV2, storyV3}, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "", "ingest", "--store", db, "--no-progress", in); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}

	out, stderr, code := runCLI(t, "", "stories", "--store", db, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("stories: exit %d: %s", code, stderr)
	}
	var stories []storyLine
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var one storyLine
		if err := json.Unmarshal(sc.Bytes(), &one); err != nil {
			t.Fatalf("stories --format jsonl: %v: %s", err, sc.Text())
		}
		stories = append(stories, one)
	}
	if len(stories) != 2 {
		t.Fatalf("%d stories, want 2:\n%s", len(stories), out)
	}
	s := stories[0]
	var ids []string
	for _, a := range s.Articles {
		ids = append(ids, a.ID)
	}
	if s.ID != "xinhua-1" || strings.Join(ids, " ") != "xinhua-1 daily-7 portal-3" {
		t.Fatalf("story %s has articles %v, want xinhua-1 daily-7 portal-3", s.ID, ids)
	}
	if s.Articles[1].Duplicate != "near" || s.Articles[1].DuplicateOf != "xinhua-1" || s.Articles[1].Title != "Li, Mishustin sign energy deal in Beijing" {
		t.Errorf("second report: %+v", s.Articles[1])
	}
	if len(s.Events) == 0 {
		t.Fatal("the story has no events")
	}
	for _, e := range s.Events {
		if e.NumArticles != 3 || e.NumSources != 3 || e.NumMentions != 3 || len(e.Reports) != 3 {
			t.Errorf("event %s: articles %d, sources %d, mentions %d, %d reports; want 3 each", e.Cameo, e.NumArticles, e.NumSources, e.NumMentions, len(e.Reports))
		}
		if e.SourceURL != "https://english.news.cn/a1" {
			t.Errorf("event %s: source URL %q, want the first report's", e.Cameo, e.SourceURL)
		}
	}

	// Exports count events, not reports: only the first report's rows are listed.
	evOut, stderr, code := runCLI(t, "", "export", "--store", db, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	perArticle := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(evOut), "\n") {
		var e struct {
			ArticleID string `json:"article_id"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		perArticle[e.ArticleID]++
	}
	if perArticle["daily-7"] != 0 || perArticle["portal-3"] != 0 || perArticle["xinhua-1"] != len(s.Events) {
		t.Errorf("exported events by article %v: want only the first report's %d", perArticle, len(s.Events))
	}

	// One story, shown.
	show, stderr, code := runCLI(t, "", "story", "--store", db, "xinhua-1")
	if code != 0 || !strings.Contains(show, "portal-3") || !strings.Contains(show, "mentions 3, sources 3, articles 3") {
		t.Errorf("story xinhua-1: exit %d: %s%s", code, show, stderr)
	}
	if _, stderr, code := runCLI(t, "", "story", "--store", db, "nope"); code == 0 || !strings.Contains(stderr, "no story") {
		t.Errorf("story nope: exit %d: %s", code, stderr)
	}

	// Ingesting again adds nothing and changes no count.
	if _, stderr, code := runCLI(t, "", "ingest", "--store", db, "--no-progress", in); code != 0 || !strings.Contains(stderr, " 0 added,") {
		t.Errorf("second ingest: exit %d: %s", code, stderr)
	}
	again, _, _ := runCLI(t, "", "stories", "--store", db, "--format", "jsonl")
	if again != out {
		t.Errorf("a second ingest changed the stories:\n%s\nwas\n%s", again, out)
	}
}

// storyLine is one line of `dateline stories --format jsonl`, as far as the test reads it.
type storyLine struct {
	ID       string `json:"id"`
	Articles []struct {
		ID          string `json:"id"`
		Title       string `json:"title"`
		Duplicate   string `json:"duplicate"`
		DuplicateOf string `json:"duplicate_of"`
	} `json:"articles"`
	Events []struct {
		Cameo       string `json:"cameo"`
		NumArticles int    `json:"num_articles"`
		NumSources  int    `json:"num_sources"`
		NumMentions int    `json:"num_mentions"`
		SourceURL   string `json:"source_url"`
		Reports     []struct {
			ArticleID string `json:"article_id"`
			Sentence  string `json:"sentence"`
		} `json:"reports"`
	} `json:"events"`
}
