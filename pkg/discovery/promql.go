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
	for i := 0; i < len(q); {
		end, kind := scan(q, i)
		if kind != 0 {
			out = append(out, token{kind, q[i:end]})
		}
		i = end
	}
	return out
}

func isIdent(c byte, first bool) bool {
	return c == '_' || c == ':' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || (!first && isDigit(c))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scan is where the token starting at i ends, and its kind (0 for whitespace and comments).
func scan(q string, i int) (end int, kind byte) {
	c := q[i]
	switch {
	case strings.IndexByte(" \t\n\r\f\v", c) >= 0:
		return i + 1, 0
	case c == '#':
		if n := strings.IndexByte(q[i:], '\n'); n >= 0 {
			return i + n, 0
		}
		return len(q), 0
	case c == '"' || c == '\'':
		return quotedEnd(q, i), 's'
	case c == '`':
		if n := strings.IndexByte(q[i+1:], '`'); n >= 0 {
			return i + n + 2, 's'
		}
		return len(q), 's'
	case isDigit(c) || (c == '.' && i+1 < len(q) && isDigit(q[i+1])):
		return numberEnd(q, i), 'n'
	case isIdent(c, true):
		end = i + 1
		for end < len(q) && isIdent(q[end], false) {
			end++
		}
		return end, 'i'
	}
	return punctuationEnd(q, i), 'p'
}

// quotedEnd is the end of the string literal opening at start (a line's end closes it too).
func quotedEnd(q string, start int) int {
	quote := q[start]
	i := start + 1
	for i < len(q) && q[i] != quote && q[i] != '\n' {
		if q[i] == '\\' {
			i++
		}
		i++
	}
	return min(i+1, len(q))
}

// numberEnd is the end of the number or duration at start (exponents, hex, 1h30m).
func numberEnd(q string, start int) int {
	hex := strings.HasPrefix(q[start:], "0x")
	i := start
	for i < len(q) && (isIdent(q[i], false) || q[i] == '.' ||
		((q[i] == '+' || q[i] == '-') && (q[i-1] == 'e' || q[i-1] == 'E') && !hex)) {
		i++
	}
	return i
}

// punctuationEnd is the end of the operator or bracket at start (=~, !=, <=, one whole rune otherwise).
func punctuationEnd(q string, start int) int {
	c := q[start]
	i := start + 1
	if i < len(q) && strings.Contains("=!<>", string(c)) && strings.ContainsRune("=~/", rune(q[i])) {
		i++
	}
	if c >= utf8.RuneSelf {
		_, size := utf8.DecodeRuneInString(q[start:])
		i = start + size
	}
	return i
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
	w := nameWalk{toks: lex(scoring.SubstituteVariables(query)), names: []string{}}
	for i := 0; i < len(w.toks); i++ {
		switch w.toks[i].kind {
		case 's', 'n':
			w.operand = true
		case 'p':
			i = w.punctuation(i)
		default:
			i = w.word(i)
		}
	}
	return w.names
}

// nameWalk is MetricNames' walk over a query's tokens.
type nameWalk struct {
	toks    []token
	names   []string
	operand bool // whether the tokens so far end an operand, so an and/or/unless/atan2 is an operator
}

func (w *nameWalk) add(name string) {
	if name != "" && !slices.Contains(w.names, name) {
		w.names = append(w.names, name)
	}
}

func (w *nameWalk) next(i int) token {
	if i+1 < len(w.toks) {
		return w.toks[i+1]
	}
	return token{}
}

// punctuation reads the punctuation at i and returns the index of the last token it took.
func (w *nameWalk) punctuation(i int) int {
	switch w.toks[i].text {
	case "{": // a selector without a name
		end := closing(w.toks, i)
		w.add(nameMatcher(w.toks[i+1 : end]))
		w.operand = true
		return end
	case "[": // a range or subquery: durations only
		w.operand = true
		return closing(w.toks, i)
	case ")":
		w.operand = true
	default:
		w.operand = false
	}
	return i
}

// word reads the identifier at i and returns the index of the last token it took.
func (w *nameWalk) word(i int) int {
	t := w.toks[i]
	word := strings.ToLower(t.text)
	n := w.next(i)
	switch {
	case word == "inf" || word == "nan":
		w.operand = true
	case word == "bool" || word == "offset":
		w.operand = false
	case (word == "by" || word == "without") && n.text == "(": // an aggregation's grouping, before or after its body
		return closing(w.toks, i+1)
	case word == "on" || word == "ignoring" || word == "group_left" || word == "group_right":
		w.operand = false
		if n.text == "(" { // grouping labels
			return closing(w.toks, i+1)
		}
	case w.operand && (binaryKeywords[word] || modifiers[word]):
		w.operand = false
	case n.text == "(": // a function, an aggregation, fill(...), @ start()
		w.operand = false
	case aggregations[word] && n.kind == 'i' && (strings.EqualFold(n.text, "by") || strings.EqualFold(n.text, "without")):
		w.operand = false
	default:
		w.add(t.text)
		w.operand = true
		if n.text == "{" {
			return closing(w.toks, i+1)
		}
	}
	return i
}
