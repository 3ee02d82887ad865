package discovery

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// templateVariables are Grafana's $name, ${name}, ${name:format} and [[name]].
var templateVariables = regexp.MustCompile(`\$\{(\w+)(?::[^}]*)?\}|\$(\w+)|\[\[(\w+)(?::[^\]]*)?\]\]`)

// Interpolate replaces the template variables given; others stay (interpolate in src/scoring).
func Interpolate(query string, vars map[string]string) string {
	return templateVariables.ReplaceAllStringFunc(query, func(whole string) string {
		m := templateVariables.FindStringSubmatch(whole)
		name := m[1] + m[2] + m[3]
		if v, ok := vars[name]; ok {
			return v
		}
		return whole
	})
}

// quote is JSON.stringify of a string: quotes, backslashes and control characters escaped, nothing else.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				const hex = "0123456789abcdef"
				b.WriteString(`\u00`)
				b.WriteByte(hex[r>>4])
				b.WriteByte(hex[r&15])
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// escapeRegex escapes the characters that mean something in a regular expression.
func escapeRegex(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`.*+?^${}()|[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// token is one PromQL token: an identifier, a number or duration, a string literal, or punctuation.
type token struct {
	kind byte // 'i' identifier, 'n' number, 's' string, 'p' punctuation
	text string
}

// lex splits PromQL into tokens, leaving out whitespace and # comments.
func lex(q string) []token {
	var out []token
	isIdent := func(c byte, first bool) bool {
		return c == '_' || c == ':' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || (!first && '0' <= c && c <= '9')
	}
	isDigit := func(c byte) bool { return '0' <= c && c <= '9' }
	for i := 0; i < len(q); {
		c := q[i]
		start := i
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '#':
			for i < len(q) && q[i] != '\n' {
				i++
			}
			continue
		case c == '"' || c == '\'':
			i++
			for i < len(q) && q[i] != c && q[i] != '\n' {
				if q[i] == '\\' {
					i++
				}
				i++
			}
			i = min(i+1, len(q))
			out = append(out, token{'s', q[start:i]})
		case c == '`':
			end := strings.IndexByte(q[i+1:], '`')
			if end < 0 {
				i = len(q)
			} else {
				i += end + 2
			}
			out = append(out, token{'s', q[start:i]})
		case isDigit(c) || (c == '.' && i+1 < len(q) && isDigit(q[i+1])):
			for i < len(q) && (isIdent(q[i], false) || q[i] == '.' ||
				((q[i] == '+' || q[i] == '-') && (q[i-1] == 'e' || q[i-1] == 'E') && !strings.HasPrefix(q[start:], "0x"))) {
				i++
			}
			out = append(out, token{'n', q[start:i]})
		case isIdent(c, true):
			for i < len(q) && isIdent(q[i], false) {
				i++
			}
			out = append(out, token{'i', q[start:i]})
		default:
			i++
			if i < len(q) && strings.Contains("=!<>", string(c)) && strings.ContainsRune("=~/", rune(q[i])) {
				i++
			}
			if c >= utf8.RuneSelf {
				_, size := utf8.DecodeRuneInString(q[start:])
				i = start + size
			}
			out = append(out, token{'p', q[start:i]})
		}
	}
	return out
}

var (
	aggregations = set("avg", "bottomk", "count", "count_values", "group", "max", "min", "quantile", "limitk",
		"limit_ratio", "stddev", "stdvar", "sum", "topk")
	binaryKeywords = set("and", "or", "unless", "atan2")
	modifiers      = set("smoothed", "anchored")
)

func set(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		m[w] = true
	}
	return m
}

// closing is the index of the token that closes the bracket at open (len(toks) when none does).
func closing(toks []token, open int) int {
	pairs := map[string]string{"(": ")", "{": "}", "[": "]"}
	depth := 0
	for i := open; i < len(toks); i++ {
		if toks[i].kind != 'p' {
			continue
		}
		switch toks[i].text {
		case "(", "{", "[":
			depth++
		case ")", "}", "]":
			depth--
		}
		if depth == 0 && toks[i].text == pairs[toks[open].text] {
			return i
		}
	}
	return len(toks)
}

// nameMatcher is the metric name an equality matcher on __name__ gives a selector without a name.
func nameMatcher(toks []token) string {
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].kind == 'i' && toks[i].text == "__name__" && toks[i+1].text == "=" && toks[i+2].kind == 's' {
			lit := toks[i+2].text
			if lit[0] == '\'' && len(lit) > 1 && lit[len(lit)-1] == '\'' {
				lit = `"` + lit[1:len(lit)-1] + `"`
			}
			var name string
			if json.Unmarshal([]byte(lit), &name) == nil {
				return name
			}
		}
	}
	return ""
}

// MetricNames is the metric names a query selects, in order of first use (template variables allowed), as
// metricNames in src/scoring/profile/promql.ts finds them with the PromQL grammar: names of vector selectors,
// or the __name__ matcher of a selector without one; not functions, aggregations, keywords or labels.
func MetricNames(query string) []string {
	toks := lex(scoring.SubstituteVariables(query))
	var names []string
	add := func(name string) {
		if name != "" && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	next := func(i int) token {
		if i+1 < len(toks) {
			return toks[i+1]
		}
		return token{}
	}
	operand := false // whether the tokens so far end an operand, so an and/or/unless/atan2 is an operator
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.kind {
		case 's', 'n':
			operand = true
			continue
		case 'p':
			switch t.text {
			case "{": // a selector without a name
				end := closing(toks, i)
				add(nameMatcher(toks[i+1 : end]))
				i, operand = end, true
			case "[": // a range or subquery: durations only
				i, operand = closing(toks, i), true
			case ")":
				operand = true
			default:
				operand = false
			}
			continue
		}
		word := strings.ToLower(t.text)
		n := next(i)
		switch {
		case word == "inf" || word == "nan":
			operand = true
		case word == "bool" || word == "offset":
			operand = false
		case (word == "by" || word == "without") && n.text == "(": // an aggregation's grouping, before or after its body
			i = closing(toks, i+1)
		case word == "on" || word == "ignoring" || word == "group_left" || word == "group_right":
			if n.text == "(" { // grouping labels
				i = closing(toks, i+1)
			}
			operand = false
		case operand && (binaryKeywords[word] || modifiers[word]):
			operand = false
		case n.text == "(": // a function, an aggregation, fill(...), @ start()
			operand = false
		case aggregations[word] && n.kind == 'i' && (strings.EqualFold(n.text, "by") || strings.EqualFold(n.text, "without")):
			operand = false
		default:
			add(t.text)
			if n.text == "{" {
				i = closing(toks, i+1)
			}
			operand = true
		}
	}
	if names == nil {
		return []string{}
	}
	return names
}
