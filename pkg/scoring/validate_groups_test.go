package scoring

import (
	"encoding/json"
	"fmt"
	"testing"
)

// The rest of group validation is pinned, with src/scoring, by testdata/vectors/group-validation.json.
func TestGroupsAreBounded(t *testing.T) {
	withGroups := func(n int) []byte {
		var p map[string]any
		raw, _ := json.Marshal(DefaultProfile())
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatal(err)
		}
		groups := make([]map[string]any, n)
		for i := range groups {
			groups[i] = map[string]any{"id": fmt.Sprintf("g%d", i), "services": []string{"a"}}
			if i > 0 {
				groups[i]["groups"] = []string{fmt.Sprintf("g%d", i-1)}
			}
		}
		p["groups"] = groups
		out, _ := json.Marshal(p)
		return out
	}
	if parsed := ParseProfile(withGroups(MaxGroups)); parsed.Profile == nil || len(parsed.Profile.Groups) != MaxGroups {
		t.Errorf("%d groups in one chain: %v", MaxGroups, parsed.Problems)
	}
	parsed := ParseProfile(withGroups(MaxGroups + 1))
	if want := "groups must hold at most 1000 groups, not 1001"; len(parsed.Problems) != 1 || parsed.Problems[0].Message != want {
		t.Errorf("%d groups: %v, want %q", MaxGroups+1, parsed.Problems, want)
	}
}
