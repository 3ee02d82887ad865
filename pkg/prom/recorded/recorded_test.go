package recorded

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// live plays a Prometheus: each query's answer names the query and the value given.
func live(t *testing.T, value string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		if r.Form.Get("query") == "text" {
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, "404 page not found")
			return
		}
		fmt.Fprintf(w, `{"status":"success","data":{"resultType":"vector","result":[{"metric":{"q":%q},"value":[1,%q]}]}}`, r.Form.Get("query"), value)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func ask(t *testing.T, base, query string) (int, string) {
	t.Helper()
	resp, err := http.PostForm(base+"/api/v1/query", url.Values{"query": {query}, "time": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestRecordedAnswersReplayExactly(t *testing.T) {
	rec := Record(live(t, "1").URL)
	front := httptest.NewServer(rec)
	_, up := ask(t, front.URL, "up")
	status, text := ask(t, front.URL, "text")
	front.Close()
	stem := filepath.Join(t.TempDir(), "TestSomething")
	if err := rec.Recording().Write(stem); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(stem)
	if err != nil || len(loaded.Exchanges) != 2 {
		t.Fatalf("%v %+v", err, loaded)
	}
	replay := Replay(loaded)
	back := httptest.NewServer(replay)
	defer back.Close()
	if s, got := ask(t, back.URL, "up"); s != http.StatusOK || got != up {
		t.Errorf("replayed %d %s, recorded %s", s, got, up)
	}
	if s, got := ask(t, back.URL, "text"); s != status || got != text {
		t.Errorf("replayed %d %q, recorded %d %q", s, got, status, text)
	}
	if s, got := ask(t, back.URL, "down"); s != http.StatusBadRequest || !strings.Contains(got, `not a recorded request: POST /api/v1/query query=\"down\" time=\"1\"`) {
		t.Errorf("an unrecorded request: %d %s", s, got)
	}
	if p := replay.Problems(); len(p) != 1 || p[0] != `POST /api/v1/query query="down" time="1"` {
		t.Errorf("problems %q", p)
	}
	if u := replay.Unused(); len(u) != 0 {
		t.Errorf("unused %q", u)
	}
	if u := Replay(loaded).Unused(); len(u) != 2 {
		t.Errorf("a replay nobody asked: unused %q", u)
	}
}

func TestLargeRecordingsAreGzipped(t *testing.T) {
	rec := Record(live(t, strings.Repeat("9", GzipOver)).URL)
	front := httptest.NewServer(rec)
	ask(t, front.URL, "up")
	front.Close()
	stem := filepath.Join(t.TempDir(), "TestLarge")
	if err := os.WriteFile(stem+".json", []byte("stale"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := rec.Recording().Write(stem); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stem + ".json"); !os.IsNotExist(err) {
		t.Errorf("the plain recording is still there: %v", err)
	}
	if loaded, err := Load(stem); err != nil || len(loaded.Exchanges) != 1 {
		t.Fatalf("%v %+v", err, loaded)
	}
}

func TestCheckNamesWhatIsNotAsRecorded(t *testing.T) {
	rec := Record(live(t, "1").URL)
	front := httptest.NewServer(rec)
	ask(t, front.URL, "up")
	front.Close()
	check := Check(rec.Recording(), live(t, "2").URL)
	front = httptest.NewServer(check)
	defer front.Close()
	if _, got := ask(t, front.URL, "up"); !strings.Contains(got, `"2"`) {
		t.Errorf("a check answers the live answer, not %s", got)
	}
	ask(t, front.URL, "down")
	p := check.Problems()
	if len(p) != 2 || !strings.Contains(p[0], `query="up" time="1": the answer differs from the recording: body.data.result[0].value[1]`) ||
		p[1] != `POST /api/v1/query query="down" time="1": not recorded` {
		t.Errorf("problems %q", p)
	}
}

func TestAMissingRecordingSaysSo(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "TestNone")); !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "no recording") {
		t.Errorf("%v", err)
	}
}
