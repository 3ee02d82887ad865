// Package jsondiff compares JSON documents as the twins' tests need: exactly, naming the first difference.
package jsondiff

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

// AsJSON is v as generic JSON (objects, lists, float64, strings, booleans, nil).
func AsJSON(v any) (any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	return out, json.Unmarshal(raw, &out)
}

// Difference is the first place where two generic JSON values differ (exactly: numbers as float64, strings
// byte for byte, no field more or less), or "".
func Difference(got, want any, at string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: %v, want an object", at, got)
		}
		keys := map[string]bool{}
		for k := range g {
			keys[k] = true
		}
		for k := range w {
			keys[k] = true
		}
		names := make([]string, 0, len(keys))
		for k := range keys {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			gv, gok := g[k]
			wv, wok := w[k]
			if gok != wok {
				return fmt.Sprintf("%s.%s: present %v, want present %v", at, k, gok, wok)
			}
			if d := Difference(gv, wv, at+"."+k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: %v, want %v", at, got, want)
		}
		for i := range w {
			if d := Difference(g[i], w[i], fmt.Sprintf("%s[%d]", at, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(got, want) {
		return fmt.Sprintf("%s:\n got %#v\nwant %#v", at, got, want)
	}
	return ""
}
