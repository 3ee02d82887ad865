package jsondiff

import (
	"strings"
	"testing"
)

func TestDifferenceNamesTheFirstPlace(t *testing.T) {
	want := map[string]any{"query": `le="0.1"`, "bounds": []any{0.1}, "value": nil}
	for got, at := range map[*map[string]any]string{
		{"query": `le="0.10"`, "bounds": []any{0.1}, "value": nil}:              ".query",
		{"query": `le="0.1"`, "bounds": []any{0.1000000001}, "value": nil}:      ".bounds[0]",
		{"query": `le="0.1"`, "bounds": []any{0.1}, "value": nil, "extra": 1.0}: ".extra: present true",
		{"query": `le="0.1"`, "bounds": []any{0.1}}:                             ".value: present false",
		{"query": `le="0.1"`, "bounds": []any{}, "value": nil}:                  ".bounds:",
	} {
		if d := Difference(*got, want, ""); !strings.HasPrefix(d, at) {
			t.Errorf("%v: %q, want it to start with %q", *got, d, at)
		}
	}
	if d := Difference(map[string]any{"query": `le="0.1"`, "bounds": []any{0.1}, "value": nil}, want, ""); d != "" {
		t.Error(d)
	}
}
