/* The ingest hot path in C: the gram analysis and the posting pool.

   Optional: replycli falls back to the same code in Python (see
   replycli/index/compiled.py) when this module was not built, and the tests
   check that both give the same terms, the same postings and byte-identical
   segments. Nothing here decides anything the
   Python code does not: it is the same loops without an interpreter step per
   character and per position (a reply has ~1,400 of each, and those loops
   were a quarter of ingest time).

   gram_terms(folded_text) -> list
       The term at each position, None where a punctuation gap leaves a
       position empty (``analysis.gram_terms`` of the unfolded text).

   count_words(words, min_len) -> dict
       ``analysis.word_counts`` after the segmenter.

   TermPostings()
       One field's postings in memory: term -> (docnums, weights, value
       offsets, values), appended to as documents arrive.
       add(term, docnum, weight, value)      one posting (value: bytes or None)
       add_terms(docnum, terms, boost) -> n  one document's gram terms by
                                             position; positions become varint
                                             deltas; returns new postings
       terms() -> list                       the terms, in the order first seen
       rows(term) -> (docs, weights, values) by docnum: docs and weights as
                                             the bytes of array('I') and
                                             array('f'), values a list
       write_term(term, offset, config) -> (postings, terminfo)
                                             the term's blocks as Whoosh's W3
                                             postings writer lays them out
                                             (with writing._write_block's
                                             encoding), and its term info as
                                             W3TermInfo.to_bytes() gives it;
                                             config: see writing.py
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#include <math.h>

/* The Han class of analysis._HAN: what the gram analysis pairs into bigrams. */
static inline int
is_han(Py_UCS4 c)
{
    return c == 0x3007 || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff)
        || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2fa1f);
}

/* The regex classes the Python analysis uses: \s and [^\W_] of ``re`` on str
   are these two predicates. */
#define IS_SPACE(c) Py_UNICODE_ISSPACE(c)
#define IS_ALNUM(c) Py_UNICODE_ISALNUM(c)

static PyObject *
han_term(Py_UCS4 a, Py_UCS4 b, int two)
{
    Py_UCS4 buf[2] = {a, b};
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, two ? 2 : 1);
}

static int
append_steal(PyObject *list, PyObject *item)
{
    if (item == NULL)
        return -1;
    int rc = PyList_Append(list, item);
    Py_DECREF(item);
    return rc;
}

static PyObject *
gram_terms(PyObject *module, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "gram_terms() needs a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *terms = PyList_New(0);
    if (terms == NULL)
        return NULL;
    int gap = 0;
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (is_han(c)) {
            if (gap) {
                if (PyList_Append(terms, Py_None) < 0)
                    goto fail;
                gap = 0;
            }
            /* A run of Han characters; whitespace between two of them is
               dropped (the Python analysis removes it before scanning). */
            Py_UCS4 prev = c;
            Py_ssize_t j = i + 1;
            for (;;) {
                Py_UCS4 d;
                if (j < n && is_han(d = PyUnicode_READ(kind, data, j))) {
                    if (append_steal(terms, han_term(prev, d, 1)) < 0)
                        goto fail;
                    prev = d;
                    j++;
                    continue;
                }
                if (j < n && IS_SPACE(PyUnicode_READ(kind, data, j))) {
                    Py_ssize_t k = j + 1;
                    while (k < n && IS_SPACE(PyUnicode_READ(kind, data, k)))
                        k++;
                    if (k < n && is_han(PyUnicode_READ(kind, data, k))) {
                        j = k;
                        continue;
                    }
                }
                break;
            }
            if (append_steal(terms, han_term(prev, 0, 0)) < 0)
                goto fail;
            i = j;
        }
        else if (IS_ALNUM(c)) {
            if (gap) {
                if (PyList_Append(terms, Py_None) < 0)
                    goto fail;
                gap = 0;
            }
            Py_ssize_t j = i + 1;
            while (j < n) {
                Py_UCS4 d = PyUnicode_READ(kind, data, j);
                if (is_han(d) || !IS_ALNUM(d))
                    break;
                j++;
            }
            PyObject *word = PyUnicode_Substring(text, i, j);
            if (word == NULL)
                goto fail;
            PyObject *lower = PyObject_CallMethod(word, "lower", NULL);
            Py_DECREF(word);
            if (append_steal(terms, lower) < 0)
                goto fail;
            i = j;
        }
        else {
            if (!IS_SPACE(c))
                gap = 1;
            i++;
        }
    }
    return terms;
fail:
    Py_DECREF(terms);
    return NULL;
}

/* analysis.word_counts over a segmenter's words: word (lower-cased) ->
   frequency, for words of at least ``min_len`` characters holding a letter or
   digit; insertion order is first occurrence, as in the Python loop. */
static PyObject *
count_words(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "count_words(words, min_len)");
        return NULL;
    }
    Py_ssize_t min_len = PyLong_AsSsize_t(args[1]);
    if (min_len == -1 && PyErr_Occurred())
        return NULL;
    PyObject *seq = PySequence_Fast(args[0], "count_words() needs a list of words");
    if (seq == NULL)
        return NULL;
    PyObject *counts = PyDict_New();
    if (counts == NULL)
        goto fail;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = items[i];
        if (!PyUnicode_Check(w)) {
            PyErr_SetString(PyExc_TypeError, "a word is a str");
            goto fail;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(w);
        if (len < min_len)
            continue;
        int kind = PyUnicode_KIND(w), alnum = 0;
        const void *data = PyUnicode_DATA(w);
        for (Py_ssize_t k = 0; k < len && !alnum; k++)
            alnum = IS_ALNUM(PyUnicode_READ(kind, data, k));
        if (!alnum)
            continue;
        PyObject *key = PyObject_CallMethod(w, "lower", NULL);
        if (key == NULL)
            goto fail;
        PyObject *old = PyDict_GetItemWithError(counts, key);
        long count = 1;
        if (old != NULL)
            count = PyLong_AsLong(old) + 1;
        else if (PyErr_Occurred()) {
            Py_DECREF(key);
            goto fail;
        }
        PyObject *value = PyLong_FromLong(count);
        int rc = value ? PyDict_SetItem(counts, key, value) : -1;
        Py_XDECREF(value);
        Py_DECREF(key);
        if (rc < 0)
            goto fail;
    }
    Py_DECREF(seq);
    return counts;
fail:
    Py_DECREF(seq);
    Py_XDECREF(counts);
    return NULL;
}

/* ---- the pool ---------------------------------------------------------- */

typedef struct {
    uint32_t *docs;
    float *weights;    /* what Whoosh stores in its blocks, too */
    int32_t *ends;     /* end offset in values; negative (-start - 1): no value */
    unsigned char *values;
    Py_ssize_t n, cap, vlen, vcap;
    int64_t doc;       /* add_terms: the document of its last posting, */
    int64_t lastpos;   /* and the last position there */
    int ordered;
} Postings;

typedef struct {
    PyObject_HEAD
    PyObject *index;   /* term -> slot number */
    PyObject *keys;    /* the terms by slot number */
    Postings *slots;
    Py_ssize_t nslots, capslots;
} TermPostings;

static void
TermPostings_dealloc(TermPostings *self)
{
    for (Py_ssize_t i = 0; i < self->nslots; i++) {
        Postings *p = &self->slots[i];
        PyMem_Free(p->docs);
        PyMem_Free(p->weights);
        PyMem_Free(p->ends);
        PyMem_Free(p->values);
    }
    PyMem_Free(self->slots);
    Py_XDECREF(self->index);
    Py_XDECREF(self->keys);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
TermPostings_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if (PyTuple_GET_SIZE(args) || (kwds && PyDict_GET_SIZE(kwds))) {
        PyErr_SetString(PyExc_TypeError, "TermPostings() takes no arguments");
        return NULL;
    }
    TermPostings *self = (TermPostings *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->index = PyDict_New();
    self->keys = PyList_New(0);
    if (self->index == NULL || self->keys == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

/* The slot of ``term``, made if new; -1 on error. */
static Py_ssize_t
slot_for(TermPostings *self, PyObject *term)
{
    PyObject *found = PyDict_GetItemWithError(self->index, term);
    if (found != NULL)
        return PyLong_AsSsize_t(found);
    if (PyErr_Occurred())
        return -1;
    if (self->nslots == self->capslots) {
        Py_ssize_t cap = self->capslots ? self->capslots * 2 : 1024;
        Postings *slots = PyMem_Realloc(self->slots, cap * sizeof(Postings));
        if (slots == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        self->slots = slots;
        self->capslots = cap;
    }
    PyObject *num = PyLong_FromSsize_t(self->nslots);
    if (num == NULL)
        return -1;
    int rc = PyDict_SetItem(self->index, term, num);
    Py_DECREF(num);
    if (rc < 0)
        return -1;
    if (PyList_Append(self->keys, term) < 0) {
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyDict_DelItem(self->index, term);
        PyErr_Restore(type, value, tb);
        return -1;
    }
    Postings *p = &self->slots[self->nslots];
    memset(p, 0, sizeof(Postings));
    p->doc = p->lastpos = -1;
    p->ordered = 1;
    return self->nslots++;
}

/* Room for one more posting. */
static int
reserve_posting(Postings *p)
{
    if (p->n < p->cap)
        return 0;
    Py_ssize_t cap = p->cap ? p->cap * 2 : 2;
    uint32_t *docs = PyMem_Realloc(p->docs, cap * sizeof(uint32_t));
    if (docs == NULL)
        goto nomem;
    p->docs = docs;
    float *weights = PyMem_Realloc(p->weights, cap * sizeof(float));
    if (weights == NULL)
        goto nomem;
    p->weights = weights;
    int32_t *ends = PyMem_Realloc(p->ends, cap * sizeof(int32_t));
    if (ends == NULL)
        goto nomem;
    p->ends = ends;
    p->cap = cap;
    return 0;
nomem:
    PyErr_NoMemory();
    return -1;
}

/* Room for ``extra`` more value bytes; value offsets must fit in 31 bits. */
static int
reserve_values(Postings *p, Py_ssize_t extra)
{
    if (p->vlen + extra <= p->vcap)
        return 0;
    if (p->vlen + extra > INT32_MAX - 1) {
        PyErr_SetString(PyExc_OverflowError, "a term's values exceed 2 GB in one segment");
        return -1;
    }
    Py_ssize_t cap = p->vcap ? p->vcap * 2 : 8;
    if (cap < p->vlen + extra)
        cap = p->vlen + extra;
    if (cap > INT32_MAX)
        cap = INT32_MAX;
    unsigned char *values = PyMem_Realloc(p->values, cap);
    if (values == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    p->values = values;
    p->vcap = cap;
    return 0;
}

/* Unsigned LEB128, as fields.encode_positions writes each delta. */
static int
put_varint(Postings *p, uint64_t d)
{
    if (reserve_values(p, 10) < 0)
        return -1;
    unsigned char *out = p->values + p->vlen;
    while (d >= 128) {
        *out++ = (unsigned char)((d & 127) | 128);
        d >>= 7;
    }
    *out++ = (unsigned char)d;
    p->vlen = out - p->values;
    return 0;
}

static int
parse_docnum(PyObject *obj, uint32_t *docnum)
{
    unsigned long v = PyLong_AsUnsignedLong(obj);
    if (v == (unsigned long)-1 && PyErr_Occurred())
        return -1;
    if (v > UINT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "document number does not fit in 32 bits");
        return -1;
    }
    *docnum = (uint32_t)v;
    return 0;
}

/* A new posting at the end of ``p`` (its value is appended by the caller). */
static void
push_posting(Postings *p, uint32_t docnum, double weight)
{
    if (p->n && p->docs[p->n - 1] > docnum)
        p->ordered = 0;
    p->docs[p->n] = docnum;
    p->weights[p->n] = (float)weight;
    p->n++;
}

static PyObject *
TermPostings_add(TermPostings *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "add(term, docnum, weight, value)");
        return NULL;
    }
    uint32_t docnum;
    if (parse_docnum(args[1], &docnum) < 0)
        return NULL;
    double weight = PyFloat_AsDouble(args[2]);
    if (weight == -1.0 && PyErr_Occurred())
        return NULL;
    PyObject *value = args[3];
    if (value != Py_None && !PyBytes_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "a posting's value is bytes or None");
        return NULL;
    }
    Py_ssize_t slot = slot_for(self, args[0]);
    if (slot < 0)
        return NULL;
    Postings *p = &self->slots[slot];
    if (reserve_posting(p) < 0)
        return NULL;
    if (value == Py_None) {
        push_posting(p, docnum, weight);
        p->ends[p->n - 1] = (int32_t)(-p->vlen - 1);
    }
    else {
        Py_ssize_t size = PyBytes_GET_SIZE(value);
        if (reserve_values(p, size) < 0)
            return NULL;
        push_posting(p, docnum, weight);
        if (size)  /* an empty value may meet a values buffer not yet allocated */
            memcpy(p->values + p->vlen, PyBytes_AS_STRING(value), size);
        p->vlen += size;
        p->ends[p->n - 1] = (int32_t)p->vlen;
    }
    Py_RETURN_NONE;
}

static PyObject *
TermPostings_add_terms(TermPostings *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "add_terms(docnum, terms, boost)");
        return NULL;
    }
    uint32_t docnum;
    if (parse_docnum(args[0], &docnum) < 0)
        return NULL;
    double boost = PyFloat_AsDouble(args[2]);
    if (boost == -1.0 && PyErr_Occurred())
        return NULL;
    PyObject *seq = PySequence_Fast(args[1], "add_terms() needs a list of terms");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    Py_ssize_t count = 0;
    for (Py_ssize_t pos = 0; pos < n; pos++) {
        PyObject *term = items[pos];
        if (term == Py_None)
            continue;
        Py_ssize_t slot = slot_for(self, term);
        if (slot < 0)
            goto fail;
        Postings *p = &self->slots[slot];
        if (p->doc == (int64_t)docnum) {
            /* Another position of this document's posting: its delta. */
            if (put_varint(p, (uint64_t)(pos - p->lastpos)) < 0)
                goto fail;
            p->ends[p->n - 1] = (int32_t)p->vlen;
            p->weights[p->n - 1] = (float)((double)p->weights[p->n - 1] + boost);
            p->lastpos = pos;
            continue;
        }
        if (reserve_posting(p) < 0 || reserve_values(p, 10) < 0)
            goto fail;
        push_posting(p, docnum, boost);
        put_varint(p, (uint64_t)pos);  /* room reserved: cannot fail */
        p->ends[p->n - 1] = (int32_t)p->vlen;
        p->doc = docnum;
        p->lastpos = pos;
        count++;
    }
    Py_DECREF(seq);
    return PyLong_FromSsize_t(count);
fail:
    Py_DECREF(seq);
    return NULL;
}

static PyObject *
TermPostings_terms(TermPostings *self, PyObject *unused)
{
    return PyList_GetSlice(self->keys, 0, PyList_GET_SIZE(self->keys));
}

static const uint32_t *sort_docs;  /* rows(): the docnums being ordered */

static int
by_doc(const void *a, const void *b)
{
    Py_ssize_t i = *(const Py_ssize_t *)a, j = *(const Py_ssize_t *)b;
    uint32_t x = sort_docs[i], y = sort_docs[j];
    if (x != y)
        return x < y ? -1 : 1;
    return i < j ? -1 : (i > j);  /* stable, as Python's sort */
}

static PyObject *
TermPostings_rows(TermPostings *self, PyObject *term)
{
    PyObject *found = PyDict_GetItemWithError(self->index, term);
    if (found == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetObject(PyExc_KeyError, term);
        return NULL;
    }
    Py_ssize_t slot = PyLong_AsSsize_t(found);
    if (slot < 0)
        return NULL;
    Postings *p = &self->slots[slot];
    Py_ssize_t n = p->n;
    PyObject *docs = NULL, *weights = NULL, *values = NULL;
    Py_ssize_t *order = NULL;
    docs = PyBytes_FromStringAndSize(NULL, n * sizeof(uint32_t));
    weights = PyBytes_FromStringAndSize(NULL, n * sizeof(float));
    values = PyList_New(n);
    if (docs == NULL || weights == NULL || values == NULL)
        goto fail;
    /* Each posting's value: from the previous end to its own. */
    Py_ssize_t start = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        int32_t end = p->ends[i];
        PyObject *v;
        if (end < 0) {
            v = Py_NewRef(Py_None);
            start = -(Py_ssize_t)end - 1;
        }
        else {
            v = PyBytes_FromStringAndSize((const char *)p->values + start, end - start);
            if (v == NULL)
                goto fail;
            start = end;
        }
        PyList_SET_ITEM(values, i, v);
    }
    uint32_t *d = (uint32_t *)PyBytes_AS_STRING(docs);
    float *w = (float *)PyBytes_AS_STRING(weights);
    if (p->ordered) {
        if (n) {
            memcpy(d, p->docs, n * sizeof(uint32_t));
            memcpy(w, p->weights, n * sizeof(float));
        }
    }
    else {
        order = PyMem_Malloc((n ? n : 1) * sizeof(Py_ssize_t));
        if (order == NULL) {
            PyErr_NoMemory();
            goto fail;
        }
        for (Py_ssize_t i = 0; i < n; i++)
            order[i] = i;
        sort_docs = p->docs;  /* under the GIL: no other thread sorts */
        qsort(order, n, sizeof(Py_ssize_t), by_doc);
        PyObject *sorted = PyList_New(n);
        if (sorted == NULL)
            goto fail;
        for (Py_ssize_t i = 0; i < n; i++) {
            d[i] = p->docs[order[i]];
            w[i] = p->weights[order[i]];
            PyObject *v = PyList_GET_ITEM(values, order[i]);
            PyList_SET_ITEM(sorted, i, Py_NewRef(v));
        }
        Py_SETREF(values, sorted);
        PyMem_Free(order);
    }
    return Py_BuildValue("(NNN)", docs, weights, values);
fail:
    PyMem_Free(order);
    Py_XDECREF(docs);
    Py_XDECREF(weights);
    Py_XDECREF(values);
    return NULL;
}

/* A growable byte buffer for write_term. */
typedef struct {
    char *data;
    Py_ssize_t len, cap;
} Buffer;

static int
buf_put(Buffer *b, const void *src, Py_ssize_t n)
{
    if (b->len + n > b->cap) {
        Py_ssize_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->len + n)
            cap *= 2;
        char *data = PyMem_Realloc(b->data, cap);
        if (data == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, src, n);
    b->len += n;
    return 0;
}

static int
buf_put_be32(Buffer *b, uint32_t v)
{
    unsigned char out[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                            (unsigned char)(v >> 8), (unsigned char)v};
    return buf_put(b, out, 4);
}

static int
buf_put_bytes(Buffer *b, PyObject *bytes)
{
    return buf_put(b, PyBytes_AS_STRING(bytes), PyBytes_GET_SIZE(bytes));
}

/* sum() of the weights as this Python computes it (3.12 compensates). */
static double
python_sum(const float *w, Py_ssize_t n)
{
    double f = 0.0;
#if PY_VERSION_HEX >= 0x030C0000
    double c = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        double x = w[i], t = f + x;
        if (fabs(f) >= fabs(x))
            c += (f - t) + x;
        else
            c += (x - t) + f;
        f = t;
    }
    if (c != 0.0 && isfinite(c))
        f += c;
#else
    for (Py_ssize_t i = 0; i < n; i++)
        f += w[i];
#endif
    return f;
}

/* A whole number as an int, else a float: what writing.py pickles. */
static PyObject *
number(double x)
{
    if (isfinite(x) && x == trunc(x))
        return PyLong_FromDouble(x);
    return PyFloat_FromDouble(x);
}

/* writing._mini_weights of one block. */
static PyObject *
mini_weights(const float *w, Py_ssize_t n)
{
    int equal = 1, whole = 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (w[i] != w[0])
            equal = 0;
        if (!(isfinite(w[i]) && (double)w[i] == trunc(w[i])))
            whole = 0;
    }
    if (equal) {
        if (w[0] == 1.0f)
            Py_RETURN_NONE;
        return PyFloat_FromDouble(w[0]);
    }
    PyObject *t = PyTuple_New(n);
    if (t == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *x = whole ? PyLong_FromDouble(w[i]) : PyFloat_FromDouble(w[i]);
        if (x == NULL) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, x);
    }
    return t;
}

static PyObject *
TermPostings_write_term(TermPostings *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *dumps, *compress, *header, *fixedsize_obj;
    Py_ssize_t blocklimit;
    Py_ssize_t compress_min;
    int compression, block_minlen, block_maxlen, info_minlen, info_maxlen;
    long long offset;
    if (nargs != 3 || !PyTuple_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "write_term(term, offset, config)");
        return NULL;
    }
    offset = PyLong_AsLongLong(args[1]);
    if (offset == -1 && PyErr_Occurred())
        return NULL;
    if (!PyArg_ParseTuple(args[2], "OOSninOiiii:write_term config", &dumps, &compress, &header,
                          &blocklimit, &compression, &compress_min, &fixedsize_obj, &block_minlen,
                          &block_maxlen, &info_minlen, &info_maxlen))
        return NULL;
    Py_ssize_t fixedsize = -1;  /* None: values as a tuple */
    if (fixedsize_obj != Py_None) {
        fixedsize = PyLong_AsSsize_t(fixedsize_obj);
        if (fixedsize == -1 && PyErr_Occurred())
            return NULL;
    }
    if (blocklimit < 1) {
        PyErr_SetString(PyExc_ValueError, "blocklimit must be positive");
        return NULL;
    }
    PyObject *rows = TermPostings_rows(self, args[0]);
    if (rows == NULL)
        return NULL;
    PyObject *docs_b = PyTuple_GET_ITEM(rows, 0), *weights_b = PyTuple_GET_ITEM(rows, 1);
    PyObject *values = PyTuple_GET_ITEM(rows, 2);
    const uint32_t *docs = (const uint32_t *)PyBytes_AS_STRING(docs_b);
    const float *weights = (const float *)PyBytes_AS_STRING(weights_b);
    Py_ssize_t n = PyList_GET_SIZE(values);
    Buffer out = {NULL, 0, 0};
    PyObject *result = NULL;
    double total_weight = 0.0, term_maxweight = 0.0;

    if (n == 0) {
        PyErr_SetString(PyExc_ValueError, "a term without postings");
        goto done;
    }
    if (buf_put_bytes(&out, header) < 0)
        goto done;
    for (Py_ssize_t i = 0; i < n; i += blocklimit) {
        Py_ssize_t j = i + blocklimit < n ? i + blocklimit : n, m = j - i;
        const float *w = weights + i;
        /* The term info's statistics (W3TermInfo.add_block). */
        total_weight += python_sum(w, m);
        double maxweight = 0.0;  /* max(0, max(weights)) */
        for (Py_ssize_t k = 0; k < m; k++)
            if (w[k] > maxweight)
                maxweight = w[k];
        if (maxweight > term_maxweight)
            term_maxweight = maxweight;
        /* The block: (ids as gaps, weights, values) pickled, maybe zlib'd. */
        PyObject *ids = PyTuple_New(m), *mw = NULL, *mv = NULL, *data = NULL, *info = NULL;
        int comp = 0, rc = -1;
        if (ids == NULL)
            goto block_done;
        for (Py_ssize_t k = 0; k < m; k++) {
            PyObject *x = PyLong_FromUnsignedLong(k ? docs[i + k] - docs[i + k - 1] : docs[i]);
            if (x == NULL)
                goto block_done;
            PyTuple_SET_ITEM(ids, k, x);
        }
        mw = mini_weights(w, m);
        if (mw == NULL)
            goto block_done;
        if (fixedsize == 0) {
            mv = Py_NewRef(Py_None);
        }
        else {
            PyObject *kept = PyList_New(0);  /* the values that are not empty */
            if (kept == NULL)
                goto block_done;
            for (Py_ssize_t k = i; k < j; k++) {
                PyObject *v = PyList_GET_ITEM(values, k);
                if (v != Py_None && PyBytes_GET_SIZE(v) && PyList_Append(kept, v) < 0) {
                    Py_DECREF(kept);
                    goto block_done;
                }
            }
            if (fixedsize < 0) {
                mv = PyList_AsTuple(kept);
            }
            else {  /* fixed-size values: joined */
                Py_ssize_t size = 0, nk = PyList_GET_SIZE(kept);
                for (Py_ssize_t k = 0; k < nk; k++)
                    size += PyBytes_GET_SIZE(PyList_GET_ITEM(kept, k));
                mv = PyBytes_FromStringAndSize(NULL, size);
                if (mv != NULL) {
                    char *dst = PyBytes_AS_STRING(mv);
                    for (Py_ssize_t k = 0; k < nk; k++) {
                        PyObject *v = PyList_GET_ITEM(kept, k);
                        memcpy(dst, PyBytes_AS_STRING(v), PyBytes_GET_SIZE(v));
                        dst += PyBytes_GET_SIZE(v);
                    }
                }
            }
            Py_DECREF(kept);
            if (mv == NULL)
                goto block_done;
        }
        data = PyObject_CallFunction(dumps, "((OOO)i)", ids, mw, mv, 4);
        if (data == NULL || !PyBytes_Check(data)) {
            if (data != NULL)
                PyErr_SetString(PyExc_TypeError, "dumps() did not give bytes");
            goto block_done;
        }
        if (compression && PyBytes_GET_SIZE(data) >= compress_min) {
            PyObject *packed = PyObject_CallFunction(compress, "Oi", data, compression);
            if (packed == NULL || !PyBytes_Check(packed)) {
                Py_XDECREF(packed);
                goto block_done;
            }
            if (PyBytes_GET_SIZE(packed) < PyBytes_GET_SIZE(data)) {
                Py_SETREF(data, packed);
                comp = compression;
            }
            else {
                Py_DECREF(packed);
            }
        }
        PyObject *mwt = number(maxweight);
        if (mwt == NULL)
            goto block_done;
        info = PyObject_CallFunction(dumps, "((nkNiii)i)", m, (unsigned long)docs[j - 1], mwt, comp,
                                     block_minlen, block_maxlen, 4);
        if (info == NULL || !PyBytes_Check(info))
            goto block_done;
        Py_ssize_t length = PyBytes_GET_SIZE(info) + PyBytes_GET_SIZE(data);
        if (length > INT32_MAX) {
            PyErr_SetString(PyExc_OverflowError, "a postings block over 2 GB");
            goto block_done;
        }
        /* The last block's length is negative: the reader's end marker. */
        if (buf_put_be32(&out, (uint32_t)(j == n ? -(int32_t)length : (int32_t)length)) < 0
            || buf_put_bytes(&out, info) < 0 || buf_put_bytes(&out, data) < 0)
            goto block_done;
        rc = 0;
    block_done:
        Py_XDECREF(ids);
        Py_XDECREF(mw);
        Py_XDECREF(mv);
        Py_XDECREF(data);
        Py_XDECREF(info);
        if (rc < 0)
            goto done;
    }
    /* W3TermInfo.to_bytes(): "!BfIBBfII", then the extent "!q" "!i". */
    unsigned char ti[4 + 1 + 4 + 4 + 1 + 1 + 4 + 4 + 4 + 8 + 4], *q = ti;
    *q++ = 0;  /* not inlined */
    if (PyFloat_Pack4(total_weight, (char *)q, 0) < 0)
        goto done;
    q += 4;
    uint32_t df = (uint32_t)n, minid = docs[0], maxid = docs[n - 1];
    for (int s = 24; s >= 0; s -= 8)
        *q++ = (unsigned char)(df >> s);
    *q++ = (unsigned char)info_minlen;
    *q++ = (unsigned char)info_maxlen;
    if (PyFloat_Pack4(term_maxweight, (char *)q, 0) < 0)
        goto done;
    q += 4;
    for (int s = 24; s >= 0; s -= 8)
        *q++ = (unsigned char)(minid >> s);
    for (int s = 24; s >= 0; s -= 8)
        *q++ = (unsigned char)(maxid >> s);
    uint64_t off = (uint64_t)offset;
    for (int s = 56; s >= 0; s -= 8)
        *q++ = (unsigned char)(off >> s);
    if (out.len > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "a term's postings over 2 GB");
        goto done;
    }
    uint32_t extent = (uint32_t)out.len;
    for (int s = 24; s >= 0; s -= 8)
        *q++ = (unsigned char)(extent >> s);
    result = Py_BuildValue("(y#y#)", out.data, out.len, (const char *)ti, (Py_ssize_t)(q - ti));
done:
    PyMem_Free(out.data);
    Py_DECREF(rows);
    return result;
}

static Py_ssize_t
TermPostings_len(TermPostings *self)
{
    return self->nslots;
}

static PyMethodDef TermPostings_methods[] = {
    {"add", (PyCFunction)(void (*)(void))TermPostings_add, METH_FASTCALL,
     "add(term, docnum, weight, value): one posting"},
    {"add_terms", (PyCFunction)(void (*)(void))TermPostings_add_terms, METH_FASTCALL,
     "add_terms(docnum, terms, boost) -> new postings: one document's terms by position"},
    {"terms", (PyCFunction)TermPostings_terms, METH_NOARGS, "the terms, in the order first seen"},
    {"rows", (PyCFunction)TermPostings_rows, METH_O,
     "rows(term) -> (docs, weights, values), by docnum"},
    {"write_term", (PyCFunction)(void (*)(void))TermPostings_write_term, METH_FASTCALL,
     "write_term(term, offset, config) -> (postings bytes, terminfo bytes)"},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods TermPostings_as_sequence = {
    .sq_length = (lenfunc)TermPostings_len,
};

static PyTypeObject TermPostingsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "replycli.index._grampool.TermPostings",
    .tp_basicsize = sizeof(TermPostings),
    .tp_dealloc = (destructor)TermPostings_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "One field's postings in memory (see the module's docstring).",
    .tp_methods = TermPostings_methods,
    .tp_as_sequence = &TermPostings_as_sequence,
    .tp_new = TermPostings_new,
};

static PyMethodDef module_methods[] = {
    {"gram_terms", (PyCFunction)gram_terms, METH_O,
     "gram_terms(folded_text) -> the term at each position, None where empty"},
    {"count_words", (PyCFunction)(void (*)(void))count_words, METH_FASTCALL,
     "count_words(words, min_len) -> {lower-cased word: frequency}"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef grampool_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "replycli.index._grampool",
    .m_doc = "The gram analysis and the posting pool of ingest, compiled.",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
PyInit__grampool(void)
{
    if (PyType_Ready(&TermPostingsType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&grampool_module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&TermPostingsType);
    if (PyModule_AddObject(m, "TermPostings", (PyObject *)&TermPostingsType) < 0) {
        Py_DECREF(&TermPostingsType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
