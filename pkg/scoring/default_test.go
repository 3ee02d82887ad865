package scoring

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// repoFile reads a file relative to the repository root.
func repoFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// asJSON round-trips v through JSON so Go values compare with decoded documents.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDefaultProfileEqualsTheSharedFile(t *testing.T) {
	var file any
	if err := json.Unmarshal(repoFile(t, "testdata/profiles/default.json"), &file); err != nil {
		t.Fatal(err)
	}
	if got := asJSON(t, DefaultProfile()); !reflect.DeepEqual(got, file) {
		t.Fatalf("DefaultProfile() differs from testdata/profiles/default.json:\n got %v\nwant %v", got, file)
	}
}

func TestDefaultProfileReadsBackUnchanged(t *testing.T) {
	parsed := ParseProfile(repoFile(t, "testdata/profiles/default.json"))
	if len(parsed.Problems) > 0 {
		t.Fatalf("problems in the default profile: %v", parsed.Problems)
	}
	if !reflect.DeepEqual(parsed.Profile, DefaultProfile()) {
		t.Fatalf("parsed default profile differs:\n got %+v\nwant %+v", parsed.Profile, DefaultProfile())
	}
}
