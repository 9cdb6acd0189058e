var _a;
/* Shared descriptor for installing `_zod`; defineProperty reads it
 * synchronously, so reusing one object avoids a per-instance allocation. */
const _zodDesc = { value: undefined, enumerable: false };
// null where suppressing the capture would be unrecoverable: `parse()` puts the frames back with `captureStackTrace`, so without it the throw would lose its stack. also latched to null once `stackTraceLimit` proves unassignable, which a realm can do at any point by hardening Error
let _E = "captureStackTrace" in Error ? Error : null;
// v8 captures a stack trace inside the Error constructor, which dominates a failed parse; costs only the frames, and parse() restores those. the constructor must RUN: Object.create is cheaper and passes instanceof, but Error.isError and util.types.isNativeError check an internal slot
function newError(Definition) {
    const E = _E;
    if (E) {
        const saved = E.stackTraceLimit;
        if (typeof saved === "number") {
            try {
                E.stackTraceLimit = 0;
            }
            catch {
                _E = null;
                return new Definition();
            }
            try {
                return new Definition();
            }
            finally {
                E.stackTraceLimit = saved;
            }
        }
    }
    return new Definition();
}
function $constructor(name, initializer, 
/** This trait's members, installed once on every prototype that composes it. They cannot be declared in the initializer above: that runs per instance, and the prototype is shared. */
proto, params) {
    // Prototype for this constructor's `_zod` internals. Lazily-derived fields (`values`, `pattern`, `optin`, …) install here once rather than as an accessor on every instance.
    const zodProto = {};
    // Assigning the fields in the constructor body is what gives instances in-object slots; building the object literally and reparenting it costs a second allocation and a generic property copy.
    function Internals(def) {
        this.def = def;
        this.constr = _;
        this.traits = new Set();
    }
    Internals.prototype = zodProto;
    const protoMembers = proto;
    // One trait's members land on every prototype whose chain composes it, so the answer is per prototype rather than per trait.
    const initialized = protoMembers && new WeakSet();
    function init(inst, def) {
        if (!inst._zod) {
            _zodDesc.value = new Internals(def);
            try {
                Object.defineProperty(inst, "_zod", _zodDesc);
            }
            finally {
                // Cleared even on throw, so the shared descriptor never leaks one instance's internals into the next.
                _zodDesc.value = undefined;
            }
        }
        else if (inst._zod.traits.has(name)) {
            return;
        }
        inst._zod.traits.add(name);
        initializer(inst, def);
        if (initialized) {
            // `super(def)` from a user subclass gives `this` a prototype the subclass owns, and installing there would overwrite whatever the subclass declared. `constr` built the instance, so its prototype is the one below the subclass's that should carry the members. A receiver whose chain never reaches that prototype installs on its own, which for a plain object handed straight to `init` means `Object.prototype` — unchanged from before.
            const own = Object.getPrototypeOf(inst);
            const ctorProto = inst._zod.constr.prototype;
            let up = own;
            while (up && up !== ctorProto)
                up = Object.getPrototypeOf(up);
            const target = up ?? own;
            if (!initialized.has(target)) {
                initialized.add(target);
                members(target, protoMembers);
            }
        }
        // support prototype modifications; for-in avoids the array allocation of Object.keys on the (usually empty) prototype
        const proto = _.prototype;
        for (const k in proto) {
            if (!Object.prototype.hasOwnProperty.call(proto, k))
                continue;
            if (!(k in inst)) {
                inst[k] = proto[k].bind(inst);
            }
        }
    }
    // doesn't work if Parent has a constructor with arguments
    const Parent = params?.Parent ?? Object;
    class Definition extends Parent {
    }
    Object.defineProperty(Definition, "name", { value: name });
    function _(def) {
        const inst = params?.Parent ? newError(Definition) : this;
        init(inst, def);
        const deferred = inst._zod.deferred;
        if (deferred) {
            for (const fn of deferred) {
                fn();
            }
            // Released: initializers run once, and the list would otherwise be retained for the schema's lifetime.
            inst._zod.deferred = undefined;
        }
        // Global post-processor hook. Internal: installed by `import "zod/compile"` to enable AOT compilation for every constructed schema. Runs last, once the instance is fully built, because it hands the instance to compile(). The post-processor is expected to be reentrancy-guarded by its own implementation.
        const pp = globalThis.__zod_globalConfig?.postProcessor;
        if (pp)
            pp(inst);
        return inst;
    }
    Object.defineProperty(_, "init", { value: init });
    Object.defineProperty(_, Symbol.hasInstance, {
        value: (inst) => {
            if (params?.Parent && inst instanceof params.Parent)
                return true;
            return inst?._zod?.traits?.has(name);
        },
    });
    Object.defineProperty(_, "name", { value: name });
    return _;
}
class $ZodAsyncError extends Error {
    constructor() {
        super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
    }
}
class $ZodEncodeError extends Error {
    constructor(name) {
        super(`Encountered unidirectional transform during encode: ${name}`);
        this.name = "ZodEncodeError";
    }
}
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
const globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
    if (newConfig)
        Object.assign(globalConfig, newConfig);
    return globalConfig;
}

function getEnumValues(entries) {
    const numericValues = Object.values(entries).filter((v) => typeof v === "number");
    const values = Object.entries(entries)
        .filter(([k, _]) => numericValues.indexOf(+k) === -1)
        .map(([_, v]) => v);
    return values;
}
function joinValues(array, separator = "|") {
    return array.map((val) => stringifyPrimitive(val)).join(separator);
}
function jsonStringifyReplacer(_, value) {
    if (typeof value === "bigint")
        return value.toString();
    return value;
}
// the accessor lives on a shared prototype: an own accessor makes every box a dictionary-mode object (~360 B and a slow load per read against ~100 B and an inlined getter here)
class Cached {
    constructor(getter) {
        this._getter = getter;
        this._value = undefined;
    }
    get value() {
        const getter = this._getter;
        if (getter !== undefined) {
            this._value = getter();
            this._getter = undefined;
        }
        return this._value;
    }
}
function cached(getter) {
    return new Cached(getter);
}
function nullish$1(input) {
    return input === null || input === undefined;
}
function cleanRegex(source) {
    const start = source.startsWith("^") ? 1 : 0;
    const end = source.endsWith("$") ? source.length - 1 : source.length;
    return source.slice(start, end);
}
function assignProp(target, prop, value) {
    Object.defineProperty(target, prop, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
    });
}
/**
 * Whichever object a def's `shape` currently answers from: the one the caller passed until the first read, the frozen copy after it.
 *
 * Its keys and descriptors read without invoking anything, which is what lets a discriminated union check its discriminator, and the cycle walk read a shape, without resolving a getter that references the schema being constructed. A def that answers `shape` from an accessor of its own has none.
 */
function rawShape(def) {
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    return desc?.get ? desc.get.raw : desc?.value;
}
const captureStackTrace = ("captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => { });
function isObject(data) {
    return typeof data === "object" && data !== null && !Array.isArray(data);
}
function isPlainObject(o) {
    if (isObject(o) === false)
        return false;
    // modified constructor
    const ctor = o.constructor;
    if (ctor === undefined)
        return true;
    if (typeof ctor !== "function")
        return true;
    // modified prototype
    const prot = ctor.prototype;
    if (isObject(prot) === false)
        return false;
    // ctor doesn't have static `isPrototypeOf`
    if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
        return false;
    }
    return true;
}
function shallowClone(o) {
    if (isPlainObject(o))
        return { ...o };
    if (Array.isArray(o))
        return [...o];
    if (o instanceof Map)
        return new Map(o);
    if (o instanceof Set)
        return new Set(o);
    return o;
}
const propertyKeyTypes = /* @__PURE__*/ new Set(["string", "number", "symbol"]);
function escapeRegex(str) {
    return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
// zod-specific utils
function clone(inst, def, params) {
    const cl = new inst._zod.constr(def ?? inst._zod.def);
    if (!def || params?.parent)
        cl._zod.parent = inst;
    return cl;
}
function normalizeParams(_params) {
    const params = _params;
    if (!params)
        return {};
    if (typeof params === "string")
        return { error: () => params };
    if (params?.message !== undefined) {
        if (params?.error !== undefined)
            throw new Error("Cannot specify both `message` and `error` params");
        params.error = params.message;
    }
    delete params.message;
    if (typeof params.error === "string")
        return { ...params, error: () => params.error };
    return params;
}
function stringifyPrimitive(value) {
    if (typeof value === "bigint")
        return value.toString() + "n";
    if (typeof value === "string")
        return `"${value}"`;
    return `${value}`;
}
function optionalKeys(shape) {
    return Object.keys(shape).filter((k) => {
        return shape[k]._zod.optin !== undefined && shape[k]._zod.optout === "optional";
    });
}

const NUMBER_FORMAT_RANGES = /*@__PURE__*/ (() => ({
    safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    int32: [-2147483648, 2147483647],
    uint32: [0, 4294967295],
    float32: [-34028234663852886e22, 3.4028234663852886e38],
    float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
}))();
// invalid_type | too_big | too_small | invalid_format | not_multiple_of | unrecognized_keys | invalid_union | invalid_key | invalid_element | invalid_value | custom
function aborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue !== true) {
            return true;
        }
    }
    return false;
}
// Checks for explicit abort (continue === false), as opposed to implicit abort (continue === undefined). Used to respect `abort: true` in .refine() even for checks that have a `when` function.
function explicitlyAborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue === false) {
            return true;
        }
    }
    return false;
}
function prefixIssues(path, issues) {
    return issues.map((iss) => {
        var _a;
        (_a = iss).path ?? (_a.path = []);
        iss.path.unshift(path);
        return iss;
    });
}
function unwrapMessage(message) {
    return typeof message === "string" ? message : message?.message;
}
/* A check holds no link back to the schema it is attached to — the same check instance is shared by every clone of that schema — so the owner is stamped onto the issues a check just raised, at the only point where both are in scope. Runs on the failure path only; `start` is the issue count from before the check ran. */
/** The leading size checks of `defChecks` that set an upper bound, each paired with it. */
function sizeCaps(defChecks) {
    const caps = [];
    for (const ch of defChecks ?? []) {
        const d = ch._zod.def;
        // a later check may rewrite the value
        if (!/_(length|size)$|_equals$/.test(d.check))
            break;
        const max = d.maximum ?? d.length ?? d.size;
        if (max >= 0)
            caps.push([max, ch]);
    }
    return caps;
}
function attachSchema(issues, start, inst) {
    var _a;
    for (let i = start; i < issues.length; i++) {
        (_a = issues[i]).schema ?? (_a.schema = inst);
    }
}
function finalizeIssue(iss, ctx, config) {
    var _a;
    // A schema that raised an issue itself owns it outright, and outranks any stamp an enclosing check left in `attachSchema`. String formats and z.custom() are schema and check at once, so when they act as a check they defer to that stamp instead.
    const traits = iss.inst?._zod?.traits;
    if (traits?.has("$ZodType")) {
        if (traits.has("$ZodCheck"))
            (_a = iss).schema ?? (_a.schema = iss.inst);
        else
            iss.schema = iss.inst;
    }
    // Decreasing specificity, first map to return a message wins. `inst` is whatever raised the issue, so a check's own map outranks the owning schema's.
    const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : undefined;
    const message = iss.message
        ? iss.message
        : (unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ??
            unwrapMessage(schemaError?.(iss)) ??
            unwrapMessage(ctx?.error?.(iss)) ??
            unwrapMessage(config.customError?.(iss)) ??
            unwrapMessage(config.localeError?.(iss)) ??
            "Invalid input");
    // an explicit own-key copy beats object rest with excluded keys, which v8 routes through a generic runtime call; Object.keys rather than for-in so an issue pushed with a prototype does not leak inherited keys, and an own __proto__ key is dropped rather than assigned through the setter
    const full = {};
    for (const k of Object.keys(iss)) {
        if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
            continue;
        full[k] = iss[k];
    }
    full.path ?? (full.path = []);
    full.message = message;
    if (ctx?.reportInput) {
        full.input = iss.input;
    }
    return full;
}
const highSurrogate = /[\uD800-\uDBFF]/;
// Code points in `str`: a surrogate pair counts once, a lone surrogate as itself. Hand-rolled because the string iterator allocates and runs ~250x slower on this path; the regex probe exits ~50x quicker for a string with no astral characters.
function codePointLength(str) {
    const units = str.length;
    if (!highSurrogate.test(str))
        return units;
    let count = units;
    for (let i = 0; i < units - 1; i++) {
        if ((str.charCodeAt(i) & 0xfc00) === 0xd800 && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            count--;
            i++;
        }
    }
    return count;
}
function getLengthableOrigin(input) {
    if (Array.isArray(input))
        return "array";
    if (typeof input === "string")
        return "string";
    return "unknown";
}
function parsedType(data) {
    const t = typeof data;
    switch (t) {
        case "number": {
            return Number.isNaN(data) ? "nan" : "number";
        }
        case "object": {
            if (data === null) {
                return "null";
            }
            if (Array.isArray(data)) {
                return "array";
            }
            const obj = data;
            if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) {
                return obj.constructor.name;
            }
        }
    }
    return t;
}
//////////    PROTOTYPE INSTALLERS     //////////
//
// Members live on the prototype and materialize per instance on first read, which keeps own-property count under the step where V8 stops using inline slots. Changing anything here means re-measuring runtime, memory and bundle size together — see "The three axes" in AGENTS.md.
/**
 * Installs a trait's members on its prototype. Each value builds that member for the instance on first read; the built value shadows the accessor as an own property, so a detached `const { parse } = schema` keeps working.
 *
 * Call this from a `proto` initializer, which runs once per prototype — never per instance.
 */
function members(proto, table) {
    for (const key in table) {
        const desc = Object.getOwnPropertyDescriptor(table, key);
        // a getter installs as written, so it stays live: `description` reads through to the registry on every access. not enumerable: an object literal's is, and a prototype member never was
        if (desc.get)
            Object.defineProperty(proto, key, { ...desc, enumerable: false });
        // a method materializes bound on first read, which is what keeps a detached member working: `const opt = schema.optional; opt()`
        else
            defineBound(proto, key, desc.value);
    }
}
/** Shadows a prototype member with an own value, so a getter that builds from the instance runs once. */
function own(inst, key, value, enumerable = true) {
    Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
    return value;
}
/** Like {@link own}, for a member that was never an own data property and has to stay out of `Object.keys`. */
function hide(inst, key, value) {
    return own(inst, key, value, false);
}
function defineBound(proto, key, fn) {
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // vitest's spyOn calls a prototype getter bare to find the function it wraps, so a nullish receiver answers the raw method
            return this == null ? fn : own(this, key, fn.bind(this));
        },
        set(value) {
            own(this, key, value);
        },
    });
}
/** Returns the prototype to install on, or `undefined` if this group is already installed on it. */
function claim(inst, sentinel) {
    const proto = Object.getPrototypeOf(inst);
    // Runs on every construction, so `in` rather than the costlier `hasOwnProperty.call`. Sentinels are keys the group itself defines.
    return sentinel in proto ? undefined : proto;
}
// The internals whose init chain is installing. A second call for the same one is a derived constructor overriding its base, so it must not construct another schema in between or the override is dropped.
let installing;
// Set while a getter is running, so a value that resolved through a recursion break is not memoized. One shared descriptor shadows the key for the duration, which costs no per-key allocation.
let broke = false;
const breaker = {
    configurable: true,
    get() {
        broke = true;
        return undefined;
    },
};
/**
 * Installs a lazily-derived internal on the `_zod` prototype of `inst`'s
 * constructor, computed from the internals object itself and cached there on
 * first read. One accessor per constructor rather than one per instance.
 */
function defineLazyInternal(inst, key, compute) {
    const proto = Object.getPrototypeOf(inst._zod);
    if (key in proto && installing !== inst._zod) {
        // A repeat construction: everything is installed already. Cleared here so the reference is not held past the first construction of every type.
        installing = undefined;
        return;
    }
    installing = inst._zod;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing so a re-entrant read from a recursive schema resolves to undefined instead of running the getter again.
            Object.defineProperty(this, key, breaker);
            const outer = broke;
            broke = false;
            try {
                const value = compute(this);
                // A result that resolved through a recursion break is recomputed once the graph is complete; everything else memoizes, undefined included.
                if (broke)
                    delete this[key];
                else
                    Object.defineProperty(this, key, { configurable: true, writable: true, value });
                broke = broke || outer;
                return value;
            }
            catch (err) {
                // A compute that threw memoizes nothing, so a later read runs it again and fails the same way. The shadow goes with it, since leaving it installed would answer undefined for every later read.
                delete this[key];
                broke = broke || outer;
                throw err;
            }
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, value });
        },
    });
}
/**
 * Installs `key` on `inst`'s prototype, computed by `make` on first read and cached there as an own
 * data property. One accessor per constructor rather than one per instance, because an own accessor
 * puts every instance after the first into v8 dictionary mode. The key doubles as the sentinel.
 */
function installLazyProp(inst, key, make, enumerable) {
    const proto = claim(inst, key);
    if (!proto)
        return;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing, so a re-entrant read from a self-referential shape resolves to undefined instead of running the getter again. A data property rather than an accessor: an own accessor is the dictionary-mode transition this exists to avoid.
            const desc = { configurable: true, writable: true, enumerable, value: undefined };
            Object.defineProperty(this, key, desc);
            // a compute that throws leaves the shadow behind, so later reads answer undefined instead of re-throwing; `defineLazy` did the same, and `defineLazyInternal`'s delete-on-catch would cost bytes in every bundle for a case only a throwing user getter reaches
            desc.value = make(this);
            Object.defineProperty(this, key, desc);
            return desc.value;
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
        },
    });
}
/** Marks the thunk `_catch` synthesises for a constant catch value. `Function.length` cannot tell that thunk from a user callback — rest and defaulted parameters both report arity 0 — and a user callback reads `ctx.error`, whose issues only finalize correctly against the caller's per-parse error map. Provenance can say what arity cannot. A plain string key rather than `Symbol.for`, whose call at module scope no bundler can prove pure — the same shape that anchored `urlCanParse` into every build. */
const CONSTANT_CATCH = "~constantCatch";
/** Wraps a constant catch value in a thunk tagged with {@link CONSTANT_CATCH}. */
function constantCatch(value) {
    const fn = () => value;
    fn[CONSTANT_CATCH] = true;
    return fn;
}

const error = () => {
    const Sizable = {
        string: { unit: "characters", verb: "to have" },
        file: { unit: "bytes", verb: "to have" },
        array: { unit: "items", verb: "to have" },
        set: { unit: "items", verb: "to have" },
        map: { unit: "entries", verb: "to have" },
    };
    function getSizing(origin) {
        return Sizable[origin] ?? null;
    }
    const FormatDictionary = {
        regex: "input",
        email: "email address",
        url: "URL",
        emoji: "emoji",
        uuid: "UUID",
        uuidv4: "UUIDv4",
        uuidv6: "UUIDv6",
        nanoid: "nanoid",
        guid: "GUID",
        cuid: "cuid",
        cuid2: "cuid2",
        ulid: "ULID",
        xid: "XID",
        ksuid: "KSUID",
        datetime: "ISO datetime",
        date: "ISO date",
        time: "ISO time",
        duration: "ISO duration",
        ipv4: "IPv4 address",
        ipv6: "IPv6 address",
        mac: "MAC address",
        cidrv4: "IPv4 range",
        cidrv6: "IPv6 range",
        base64: "base64-encoded string",
        base64url: "base64url-encoded string",
        json_string: "JSON string",
        e164: "E.164 number",
        currency_code: "currency code",
        credit_card: "credit card number",
        iban: "IBAN",
        jwt: "JWT",
        template_literal: "input",
    };
    // type names: missing keys = do not translate (use raw value via ?? fallback)
    const TypeDictionary = {
        // Compatibility: "nan" -> "NaN" for display
        nan: "NaN",
        // All other type names omitted - they fall back to raw values via ?? operator
    };
    function getTypeName(type, input) {
        if (type === "number" && typeof input === "number" && !Number.isFinite(input)) {
            return String(input);
        }
        return TypeDictionary[type] ?? type;
    }
    return (issue) => {
        switch (issue.code) {
            case "invalid_type": {
                const expected = getTypeName(issue.expected);
                const receivedType = parsedType(issue.input);
                const received = getTypeName(receivedType, issue.input);
                return `Invalid input: expected ${expected}, received ${received}`;
            }
            case "invalid_value":
                if (issue.values.length === 1)
                    return `Invalid input: expected ${stringifyPrimitive(issue.values[0])}`;
                return `Invalid option: expected one of ${joinValues(issue.values, "|")}`;
            case "too_big": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? "<=" : "<";
                const sizing = getSizing(issue.origin);
                if (sizing)
                    return `Too big: expected ${issue.origin ?? "value"} to have ${adj}${issue.maximum.toString()} ${sizing.unit ?? "elements"}`;
                return `Too big: expected ${issue.origin ?? "value"} to be ${adj}${issue.maximum.toString()}`;
            }
            case "too_small": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? ">=" : ">";
                const sizing = getSizing(issue.origin);
                if (sizing) {
                    return `Too small: expected ${issue.origin} to have ${adj}${issue.minimum.toString()} ${sizing.unit}`;
                }
                return `Too small: expected ${issue.origin} to be ${adj}${issue.minimum.toString()}`;
            }
            case "invalid_format": {
                const _issue = issue;
                if (_issue.format === "starts_with") {
                    return `Invalid string: must start with "${_issue.prefix}"`;
                }
                if (_issue.format === "ends_with")
                    return `Invalid string: must end with "${_issue.suffix}"`;
                if (_issue.format === "includes")
                    return `Invalid string: must include "${_issue.includes}"`;
                if (_issue.format === "regex")
                    return `Invalid string: must match pattern ${_issue.pattern}`;
                return `Invalid ${FormatDictionary[_issue.format] ?? issue.format}`;
            }
            case "not_multiple_of":
                return `Invalid number: must be a multiple of ${issue.divisor}`;
            case "unrecognized_keys":
                return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${joinValues(issue.keys, ", ")}`;
            case "invalid_key":
                return `Invalid key in ${issue.origin}`;
            case "invalid_union":
                if (issue.options && Array.isArray(issue.options) && issue.options.length > 0) {
                    const opts = issue.options.map((o) => `'${o}'`).join(" | ");
                    return `Invalid discriminator value. Expected ${opts}`;
                }
                if (issue.inclusive === false) {
                    return "Invalid input: more than one option matched";
                }
                return "Invalid input";
            case "invalid_element":
                return `Invalid value in ${issue.origin}`;
            default:
                return `Invalid input`;
        }
    };
};
function en$1 () {
    return {
        localeError: error(),
    };
}

/* Computing the message eagerly is expensive (pretty-printed JSON of all
 * issues), so defer it until first read. The accessor functions and
 * descriptors are shared across instances to keep error construction
 * cheap; the computed message is cached on the internals object. The
 * setter preserves plain assignment semantics for consumers that
 * overwrite `message`. */
function _getMessage() {
    const internals = this._zod;
    internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
    return internals.message;
}
function _setMessage(value) {
    this._zod.message = value;
}
const _messageDesc = {
    get: _getMessage,
    set: _setMessage,
    enumerable: true,
    configurable: true,
};
const _issuesDesc = { value: undefined, enumerable: false };
/* Prototypes that already carry the lazy `toString`. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
const initializer = (inst, def) => {
    inst.name = "$ZodError";
    // `_zod` is already non-enumerable: $constructor's init defined it with this same descriptor
    _issuesDesc.value = def;
    Object.defineProperty(inst, "issues", _issuesDesc);
    // Clear the shared slot; a retained `value` pins the last error's issues.
    _issuesDesc.value = undefined;
    Object.defineProperty(inst, "message", _messageDesc);
    /* `toString` lives as a non-enumerable lazy getter on the shared
     * prototype; on first access it caches a per-instance closure so
     * detached usage still works. */
    const proto = Object.getPrototypeOf(inst);
    if (!_installedToString.has(proto)) {
        _installedToString.add(proto);
        Object.defineProperty(proto, "toString", {
            configurable: true,
            enumerable: false,
            get() {
                const value = () => this.message;
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
                return value;
            },
            set(value) {
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
            },
        });
    }
};
const $ZodRealError = $constructor("$ZodError", initializer, undefined, {
    Parent: Error,
});

const _parse = (_Err) => {
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
        const result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise) {
            throw new $ZodAsyncError();
        }
        if (result.issues.length) {
            const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, _params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parse = /* @__PURE__*/ _parse($ZodRealError);
const _parseAsync = (_Err) => {
    const fn = async (schema, value, _ctx, params) => {
        const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
        let result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise)
            result = await result;
        if (result.issues.length) {
            const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const parseAsync = /* @__PURE__*/ _parseAsync($ZodRealError);
const _safeParse = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
        throw new $ZodAsyncError();
    }
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParse = /* @__PURE__*/ _safeParse($ZodRealError);
// the error is built on the first read of `error`: finalizing the issues and constructing the instance is most of a failing parse, and a caller that only branches on `success` never pays it. a getter in the literal keeps this small; the alternative, one shared accessor descriptor plus a hidden state slot, reads ~15% faster but costs ~75 B gzipped in every bundle
function failure(Err, issues, ctx) {
    let error;
    return {
        success: false,
        get error() {
            if (!error) {
                error = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
                // finalizeIssue drops `input`, so the built error holds nothing; keeping the raw issues past this point pins the parsed value for the life of the result
                issues = undefined;
                ctx = undefined;
            }
            return error;
        },
        set error(e) {
            error = e;
            // a replacement makes the getter's branch unreachable, so the captures have to go here too
            issues = undefined;
            ctx = undefined;
        },
    };
}
const _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
const safeParseAsync = /* @__PURE__*/ _safeParseAsync($ZodRealError);

// the unbounded form of `string()` as a literal, so every plain string shares one instance instead of building its own
const anyString = /^[\s\S]{0,}$/;
const number$1 = /^-?\d+(?:\.\d+)?$/;
const boolean$1 = /^(?:true|false)$/i;

// import { $ZodType } from "./schemas.js";
const $ZodCheck = /*@__PURE__*/ $constructor("$ZodCheck", (inst, def) => {
    var _a;
    inst._zod ?? (inst._zod = {});
    inst._zod.def = def;
    (_a = inst._zod).onattach ?? (_a.onattach = []);
});
/** Default `when` for length-based checks: run only on non-nullish values with a `length`. */
const _whenHasLength = (payload) => {
    const val = payload.value;
    return !nullish$1(val) && val.length !== undefined;
};
const numericOriginMap = {
    number: "number",
    bigint: "bigint",
    object: "date",
};
const $ZodCheckGreaterThan = /*@__PURE__*/ $constructor("$ZodCheckGreaterThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_small",
            minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckNumberFormat = /*@__PURE__*/ $constructor("$ZodCheckNumberFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    def.format = def.format || "float64";
    const isInt = def.format?.includes("int");
    const origin = isInt ? "int" : "number";
    const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (isInt) {
            if (!Number.isInteger(input)) {
                // invalid_format issue
                // payload.issues.push({
                //   expected: def.format,
                //   format: def.format,
                //   code: "invalid_format",
                //   input,
                //   inst,
                // });
                // invalid_type issue
                payload.issues.push({
                    expected: origin,
                    format: def.format,
                    code: "invalid_type",
                    continue: false,
                    input,
                    inst,
                });
                return;
                // not_multiple_of issue
                // payload.issues.push({
                //   code: "not_multiple_of",
                //   origin: "number",
                //   input,
                //   inst,
                //   divisor: 1,
                // });
            }
            if (!Number.isSafeInteger(input)) {
                if (input > 0) {
                    // too_big
                    payload.issues.push({
                        input,
                        code: "too_big",
                        maximum: Number.MAX_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                else {
                    // too_small
                    payload.issues.push({
                        input,
                        code: "too_small",
                        minimum: Number.MIN_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                return;
            }
        }
        if (input < minimum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_small",
                minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodCheckMaxLength = /*@__PURE__*/ $constructor("$ZodCheckMaxLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // Strings are measured in Unicode code points, not UTF-16 units. A code point is at most two units, so a string that already fits in units fits in code points; only an overflow has to be counted.
        const length = typeof input === "string" && units > def.maximum ? codePointLength(input) : units;
        if (length <= def.maximum)
            return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMinLength = /*@__PURE__*/ $constructor("$ZodCheckMinLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so fewer units than the floor can never reach it and twice the floor always clears it. Only in between is the exact count in doubt.
        const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2
            ? codePointLength(input)
            : units;
        if (length >= def.minimum)
            return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});

const version = {
    major: 4,
    minor: 6,
    patch: 7,
};

const $ZodType = /*@__PURE__*/ $constructor("$ZodType", (inst, def) => {
    var _a;
    inst ?? (inst = {});
    inst._zod.def = def; // set _def property
    inst._zod.bag = inst._zod.bag || {}; // initialize _bag object
    inst._zod.version = version;
    const defChecks = inst._zod.def.checks;
    // if inst is itself a checks.$ZodCheck, run it as a check
    const checks = inst._zod.traits.has("$ZodCheck")
        ? [inst, ...(defChecks ?? [])]
        : defChecks?.length
            ? [...defChecks]
            : [];
    for (const ch of checks) {
        for (const fn of ch._zod.onattach) {
            fn(inst);
        }
    }
    if (checks.length === 0) {
        // deferred initializer inst._zod.parse is not yet defined
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred?.push(() => {
            inst._zod.run = inst._zod.parse;
        });
    }
    else {
        const runChecks = (payload, checks, ctx) => {
            if (payload.memo)
                return payload;
            let isAborted = aborted(payload);
            let asyncResult;
            for (const ch of checks) {
                if (ch._zod.def.when) {
                    if (explicitlyAborted(payload))
                        continue;
                    const shouldRun = ch._zod.def.when(payload);
                    if (!shouldRun)
                        continue;
                }
                else if (isAborted) {
                    continue;
                }
                const currLen = payload.issues.length;
                const _ = ch._zod.check(payload);
                if (_ instanceof Promise && ctx?.async === false) {
                    throw new $ZodAsyncError();
                }
                if (asyncResult || _ instanceof Promise) {
                    asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
                        await _;
                        const nextLen = payload.issues.length;
                        if (nextLen === currLen)
                            return;
                        attachSchema(payload.issues, currLen, inst);
                        if (!isAborted)
                            isAborted = aborted(payload, currLen);
                    });
                }
                else {
                    const nextLen = payload.issues.length;
                    if (nextLen === currLen)
                        continue;
                    attachSchema(payload.issues, currLen, inst);
                    if (!isAborted)
                        isAborted = aborted(payload, currLen);
                }
            }
            if (asyncResult) {
                return asyncResult.then(() => {
                    return payload;
                });
            }
            return payload;
        };
        const handleCanaryResult = (canary, payload, ctx) => {
            // abort if the canary is aborted
            if (aborted(canary)) {
                canary.aborted = true;
                return canary;
            }
            // run checks first, then
            const checkResult = runChecks(payload, checks, ctx);
            if (checkResult instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return checkResult.then((checkResult) => inst._zod.parse(checkResult, ctx));
            }
            return inst._zod.parse(checkResult, ctx);
        };
        inst._zod.run = (payload, ctx) => {
            if (ctx.skipChecks) {
                return inst._zod.parse(payload, ctx);
            }
            if (ctx.direction === "backward") {
                // run canary initial pass (no checks)
                const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
                if (canary instanceof Promise) {
                    return canary.then((canary) => {
                        return handleCanaryResult(canary, payload, ctx);
                    });
                }
                return handleCanaryResult(canary, payload, ctx);
            }
            // forward
            const result = inst._zod.parse(payload, ctx);
            if (result instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return result.then((result) => runChecks(result, checks, ctx));
            }
            return runChecks(result, checks, ctx);
        };
    }
}, {
    // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
    get "~standard"() {
        return hide(this, "~standard", standardProps(this));
    },
    set "~standard"(value) {
        own(this, "~standard", value);
    },
});
/** The Standard Schema surface for `inst`. Shared so wrappers can extend it without forcing it. */
// a Standard Schema result only reports issues, so a failure finalizes them straight off the raw payload: no ZodError, and no lazy result to read through
const toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
    const ctx = { async: true };
    return toStandardResult((await inst._zod.run({ value, issues: [] }, ctx)), ctx);
}
function standardProps(inst) {
    return {
        validate: (value) => {
            const ctx = { async: false };
            try {
                const r = inst._zod.run({ value, issues: [] }, ctx);
                if (!(r instanceof Promise))
                    return toStandardResult(r, ctx);
            }
            catch (_) { }
            // async function so a synchronously throwing check rejects instead of escaping validate
            return validateAsync(inst, value);
        },
        vendor: "zod",
        version: 1,
    };
}
const $ZodString = /*@__PURE__*/ $constructor("$ZodString", (inst, def) => {
    $ZodType.init(inst, def);
    // a format's own pattern, else unbounded; a template literal derives the check-aware form itself
    inst._zod.pattern = def.pattern ?? anyString;
    inst._zod.parse = (payload, _) => {
        if (def.coerce)
            try {
                payload.value = String(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "string")
            return payload;
        payload.issues.push({
            expected: "string",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodNumber = /*@__PURE__*/ $constructor("$ZodNumber", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = number$1;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Number(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
            return payload;
        }
        const received = typeof input === "number"
            ? Number.isNaN(input)
                ? "NaN"
                : !Number.isFinite(input)
                    ? String(input)
                    : undefined
            : undefined;
        payload.issues.push({
            expected: "number",
            code: "invalid_type",
            input,
            inst,
            ...(received ? { received } : {}),
        });
        return payload;
    };
});
const $ZodNumberFormat = /*@__PURE__*/ $constructor("$ZodNumberFormat", (inst, def) => {
    $ZodCheckNumberFormat.init(inst, def);
    $ZodNumber.init(inst, def); // no format checks
});
const $ZodBoolean = /*@__PURE__*/ $constructor("$ZodBoolean", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = boolean$1;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Boolean(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "boolean")
            return payload;
        payload.issues.push({
            expected: "boolean",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
});
const $ZodUnknown = /*@__PURE__*/ $constructor("$ZodUnknown", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
});
const $ZodNever = /*@__PURE__*/ $constructor("$ZodNever", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        payload.issues.push({
            expected: "never",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
// an oversized container fails its leading size checks before any element is parsed
function capSize(inst, size) {
    const caps = sizeCaps(inst._zod.def.checks);
    if (!caps.length)
        return;
    const cap = Math.min(...caps.map((c) => c[0]));
    const parse = inst._zod.parse;
    inst._zod.parse = (payload, ctx) => {
        const n = size(payload.value);
        if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
            for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
                if (n > max && ch._zod.def.when(payload)) {
                    const start = payload.issues.length;
                    ch._zod.check(payload);
                    // the value is still the raw input, so no later check may read it
                    payload.issues[start].continue = false;
                    attachSchema(payload.issues, start, inst);
                    return payload;
                }
            }
        }
        return parse(payload, ctx);
    };
}
const arraySize = (input) => (Array.isArray(input) ? input.length : -1);
function handleArrayResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...prefixIssues(index, result.issues));
    }
    final.value[index] = result.value;
}
const $ZodArray = /*@__PURE__*/ $constructor("$ZodArray", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                expected: "array",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
        const proms = [];
        const abortEarly = ctx?.abortEarly;
        for (let i = 0; i < input.length; i++) {
            const item = input[i];
            const result = def.element._zod.run({
                value: item,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleArrayResult(result, payload, i)));
            }
            else {
                handleArrayResult(result, payload, i);
                // the element's payload is authoritative here, since handleArrayResult forwards every issue; an object's is not, because it drops a failed absent optional
                if (abortEarly && result.issues.length !== 0 && aborted(result))
                    break;
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload; //handleArrayResultsAsync(parseResults, final);
    };
    capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
    const isPresent = key in input;
    const isOptionalOut = optout === "optional";
    // The middle rung means "absence permitted, nothing supplied in its place", so an absent key contributes nothing — whatever the schema made of `undefined` is invented, not substituted. Only `optional` reaches this with a value: `defaulted` substitutes, and a schema that isn't optional-out has to keep the key.
    if (!isPresent && isOptionalOut && optin === "optional") {
        return;
    }
    if (result.issues.length) {
        // For optional-in/out schemas, ignore errors on absent keys.
        if (optin !== undefined && isOptionalOut && !isPresent) {
            return;
        }
        final.issues.push(...prefixIssues(key, result.issues));
    }
    if (!isPresent && optin === undefined) {
        if (!result.issues.length) {
            final.issues.push({
                code: "invalid_type",
                expected: "nonoptional",
                input: undefined,
                path: [key],
            });
        }
        return;
    }
    if (result.value === undefined) {
        if (isPresent || (optin === "defaulted" && !isOptionalOut)) {
            final.value[key] = undefined;
        }
    }
    else {
        final.value[key] = result.value;
    }
}
// one shared instance; a fresh [] per schema cost 56 bytes retained
const NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
    const keys = Object.keys(def.shape);
    const ownSymbols = Object.getOwnPropertySymbols(def.shape);
    const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
    // aliases `keys` when there are no symbols, so a string-only shape keeps one array
    const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
    for (const k of allKeys) {
        if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
            throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
        }
    }
    const okeys = optionalKeys(def.shape);
    return {
        ...def,
        allKeys,
        symbolKeys,
        // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
        keySet: new Set(keys),
        numKeys: keys.length,
        optionalKeys: new Set(okeys),
    };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
    const unrecognized = [];
    const keySet = def.keySet;
    const _catchall = def.catchall._zod;
    const t = _catchall.def.type;
    const optin = _catchall.optin;
    const optout = _catchall.optout;
    // starts at 0, not the current length: the shape phase already ran and may have aborted
    let seen = 0;
    for (const key in input) {
        if (abortEarly && payload.issues.length !== seen) {
            if (aborted(payload, seen))
                break;
            seen = payload.issues.length;
        }
        // Must precede the __proto__ branch: a declared key is not unrecognized, even though the shape loop deliberately strips __proto__ from the parsed output.
        if (keySet.has(key))
            continue;
        // Don't copy an undeclared __proto__ into the result; assignment to a plain {} would replace the result prototype. But in strict mode it is still an unknown key, so report it before skipping.
        if (key === "__proto__") {
            if (t === "never")
                unrecognized.push(key);
            continue;
        }
        if (t === "never") {
            unrecognized.push(key);
            continue;
        }
        const r = _catchall.run({ value: input[key], issues: [] }, ctx);
        if (r instanceof Promise) {
            proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
        }
        else {
            handlePropertyResult(r, payload, key, input, optin, optout);
        }
    }
    if (unrecognized.length) {
        payload.issues.push({
            code: "unrecognized_keys",
            keys: unrecognized,
            input,
            inst,
            // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
            continue: true,
        });
    }
    if (!proms.length)
        return payload;
    return Promise.all(proms).then(() => {
        return payload;
    });
}
const $ZodObject = /*@__PURE__*/ $constructor("$ZodObject", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodType.init(inst, def);
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    // a cloned def carries its source's accessor, which knows the shape it answers from; adopting that keeps the clone's keys readable without running it
    const sh = desc?.get ? desc.get.raw : (def.shape ?? {});
    if (sh) {
        // Freezes the shape on first read, so its getters resolve once and every later read sees the same schemas.
        const get = () => {
            const newSh = { ...sh };
            Object.defineProperty(def, "shape", { value: newSh });
            get.raw = newSh;
            return newSh;
        };
        get.raw = sh;
        Object.defineProperty(def, "shape", { get });
    }
    const _normalized = cached(() => normalizeDef(def));
    defineLazyInternal(inst, "propValues", (zod) => {
        const shape = zod.def.shape;
        const propValues = {};
        for (const key in shape) {
            const field = shape[key]._zod;
            if (field.values) {
                if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
                    assignProp(propValues, key, new Set());
                }
                for (const v of field.values)
                    propValues[key].add(v);
                // An omittable slot reads back as undefined at a discriminator lookup, so it has to claim undefined: two options that can both omit the key are not discriminable on it.
                if (field.optin !== undefined)
                    propValues[key].add(undefined);
            }
        }
        return propValues;
    });
    const isObject$1 = isObject;
    const catchall = def.catchall;
    let value;
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject$1(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
        const proms = [];
        const shape = value.shape;
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const key of value.allKeys) {
            if (abortEarly && payload.issues.length !== seen) {
                if (aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            if (key === "__proto__")
                continue;
            const el = shape[key];
            const optin = el._zod.optin;
            const optout = el._zod.optout;
            const r = el._zod.run({ value: input[key], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
            }
            else {
                handlePropertyResult(r, payload, key, input, optin, optout);
            }
        }
        if (!catchall) {
            return proms.length ? Promise.all(proms).then(() => payload) : payload;
        }
        return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
    };
});
function handleUnionResults(results, final, inst, ctx) {
    for (const result of results) {
        if (result.issues.length === 0) {
            final.value = result.value;
            return final;
        }
    }
    const nonaborted = results.filter((r) => !aborted(r));
    if (nonaborted.length === 1) {
        final.value = nonaborted[0].value;
        return nonaborted[0];
    }
    final.issues.push({
        code: "invalid_union",
        input: final.value,
        inst,
        errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config()))),
    });
    return final;
}
const $ZodUnion = /*@__PURE__*/ $constructor("$ZodUnion", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted")
        ? "defaulted"
        : zod.def.options.some((o) => o._zod.optin !== undefined)
            ? "optional"
            : undefined);
    defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : undefined);
    defineLazyInternal(inst, "values", (zod) => {
        if (zod.def.options.every((o) => o._zod.values)) {
            return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
        }
        return undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        if (zod.def.options.every((o) => o._zod.pattern)) {
            const patterns = zod.def.options.map((o) => o._zod.pattern);
            return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
        }
        return undefined;
    });
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                if (result.issues.length === 0)
                    return result;
                results.push(result);
            }
        }
        if (!async)
            return handleUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleUnionResults(results, payload, inst, ctx);
        });
    };
});
function discriminatorMap(def) {
    const map = new Map();
    for (const option of def.options) {
        const values = option._zod.propValues?.[def.discriminator];
        if (!values || values.size === 0)
            throw new Error(`Invalid discriminated union option at index "${def.options.indexOf(option)}"`);
        for (const value of values) {
            if (map.has(value)) {
                if (value !== undefined)
                    throw new Error(`Duplicate discriminator value "${String(value)}"`);
                // keep the collision marked so a later member cannot reclaim it
                map.set(value, null);
            }
            else {
                map.set(value, option);
            }
        }
    }
    return map;
}
const $ZodDiscriminatedUnion = 
/*@__PURE__*/
$constructor("$ZodDiscriminatedUnion", (inst, def) => {
    def.inclusive = false;
    $ZodUnion.init(inst, def);
    const _super = inst._zod.parse;
    defineLazyInternal(inst, "propValues", (zod) => {
        const propValues = {};
        let undefinedCount = 0;
        for (const option of zod.def.options) {
            const pv = option._zod.propValues;
            if (!pv || Object.keys(pv).length === 0)
                throw new Error(`Invalid discriminated union option at index "${zod.def.options.indexOf(option)}"`);
            if (pv[zod.def.discriminator]?.has(undefined))
                undefinedCount++;
            for (const [k, v] of Object.entries(pv)) {
                if (!Object.prototype.hasOwnProperty.call(propValues, k)) {
                    assignProp(propValues, k, new Set());
                }
                for (const val of v) {
                    propValues[k].add(val);
                }
            }
        }
        if (!zod.def.unionFallback && undefinedCount > 1)
            propValues[zod.def.discriminator]?.delete(undefined);
        return propValues;
    });
    // Checked now rather than in the lookup map below, so an option that lacks the discriminator fails at the `discriminatedUnion` call instead of on the first object parsed. Options whose shape cannot be enumerated without resolving it — pipes and lazies — are left to the map.
    def.options.forEach((option, i) => {
        const propShape = rawShape(option._zod.def);
        if (propShape && !Object.prototype.hasOwnProperty.call(propShape, def.discriminator)) {
            throw new Error(`Invalid discriminated union option at index "${i}"`);
        }
    });
    const disc = cached(() => discriminatorMap(def));
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!isObject(input)) {
            payload.issues.push({
                code: "invalid_type",
                expected: "object",
                input,
                inst,
            });
            return payload;
        }
        const value = input?.[def.discriminator];
        const opt = disc.value.get(value);
        // forward metadata cannot choose an encoder for an absent tag
        if (opt && (value !== undefined || ctx.direction !== "backward")) {
            return opt._zod.run(payload, ctx);
        }
        // Fall back to union matching when the fast discriminator path fails:
        // - explicitly enabled via unionFallback, or
        // - during backward direction (encode), since codec-based discriminators have different values in forward vs backward directions
        if (def.unionFallback || ctx.direction === "backward") {
            return _super(payload, ctx);
        }
        // no matching discriminator
        payload.issues.push({
            code: "invalid_union",
            errors: [],
            note: "No matching discriminator",
            discriminator: def.discriminator,
            options: Array.from(disc.value.keys()).filter((value) => disc.value.get(value) !== null),
            input,
            path: [def.discriminator],
            inst,
        });
        return payload;
    };
});
const $ZodRecord = /*@__PURE__*/ $constructor("$ZodRecord", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!isPlainObject(input)) {
            payload.issues.push({
                expected: "record",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        // no guard in either loop below: a record's invalid_key aborts but an enclosing intersection can reconcile it, so a stopped loop hides keys the sibling does not own and the intersection then rejects nothing
        const proms = [];
        const values = def.keyType._zod.values;
        if (values && !def.partial) {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            const recordKeys = new Set();
            for (const key of values) {
                if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
                    recordKeys.add(typeof key === "number" ? key.toString() : key);
                    // A declared __proto__ is stripped but is not an unrecognized key.
                    if (key === "__proto__")
                        continue;
                    const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                    if (keyResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (keyResult.issues.length) {
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                        continue;
                    }
                    const outKey = keyResult.value;
                    if (outKey === "__proto__")
                        continue;
                    const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                    if (result instanceof Promise) {
                        proms.push(result.then((result) => {
                            if (result.issues.length) {
                                payload.issues.push(...prefixIssues(key, result.issues));
                            }
                            payload.value[outKey] = result.value;
                        }));
                    }
                    else {
                        if (result.issues.length) {
                            payload.issues.push(...prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }
                }
            }
            let unrecognized;
            for (const key in input) {
                if (!recordKeys.has(key)) {
                    if (def.mode === "loose") {
                        // skip __proto__ so it can't replace the result prototype via the assignment setter on the plain {} we build into
                        if (key === "__proto__")
                            continue;
                        payload.value[key] = input[key];
                    }
                    else {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        else {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            // An enumerable key schema declares which keys the record owns, so a key outside the set is unrecognized. A non-enumerable one (regex, refine) is a constraint every key must satisfy, so a failing key is invalid. Only the former is reconcilable against the other side of an intersection.
            let unrecognized;
            // Reflect.ownKeys for Symbol-key support; filter non-enumerable to match z.object()
            for (const key of Reflect.ownKeys(input)) {
                if (key === "__proto__")
                    continue;
                if (!Object.prototype.propertyIsEnumerable.call(input, key))
                    continue;
                let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                if (keyResult instanceof Promise) {
                    throw new Error("Async schemas not supported in object keys currently");
                }
                // Numeric string fallback: if key is a numeric string and failed, retry with Number(key). This handles z.number(), z.literal([1, 2, 3]), and unions containing numeric literals
                const checkNumericKey = typeof key === "string" && number$1.test(key) && keyResult.issues.length;
                if (checkNumericKey) {
                    const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
                    if (retryResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (retryResult.issues.length === 0) {
                        keyResult = retryResult;
                    }
                }
                if (keyResult.issues.length) {
                    if (def.mode === "loose") {
                        // Pass through unchanged
                        payload.value[key] = input[key];
                    }
                    else if (values) {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                    else {
                        // Default "strict" behavior: error on invalid key
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                    }
                    continue;
                }
                // the guard above tests the raw input key, but the key schema can normalize an ordinary key into __proto__; re-check the key we actually write under
                const outKey = keyResult.value;
                if (outKey === "__proto__")
                    continue;
                const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((result) => {
                        if (result.issues.length) {
                            payload.issues.push(...prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }));
                }
                else {
                    if (result.issues.length) {
                        payload.issues.push(...prefixIssues(key, result.issues));
                    }
                    payload.value[outKey] = result.value;
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload;
    };
});
const $ZodEnum = /*@__PURE__*/ $constructor("$ZodEnum", (inst, def) => {
    $ZodType.init(inst, def);
    const values = getEnumValues(def.entries);
    const valuesSet = new Set(values);
    inst._zod.values = valuesSet;
    defineLazyInternal(inst, "pattern", (zod) => {
        const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (valuesSet.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodLiteral = /*@__PURE__*/ $constructor("$ZodLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const values = new Set(def.values);
    inst._zod.values = values;
    defineLazyInternal(inst, "pattern", (zod) => {
        const vals = zod.def.values;
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(vals.length
            ? `^(${vals
                .map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o))
                .join("|")})$`
            : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (values.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values: def.values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodTransform = /*@__PURE__*/ $constructor("$ZodTransform", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "optional";
    globalConfig.memoizer?.guard(inst);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new $ZodEncodeError(inst.constructor.name);
        }
        const _out = def.transform(payload.value, payload);
        if (ctx.async) {
            const output = _out instanceof Promise ? _out : Promise.resolve(_out);
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        if (_out instanceof Promise) {
            throw new $ZodAsyncError();
        }
        payload.value = _out;
        return payload;
    };
});
function handleOptionalResult(payload, result) {
    // A substituting schema that still failed has no usable answer; yield undefined. Its issues are simply dropped: it ran on a payload of its own, so there is no shared array to truncate and nothing of the caller's to lose with it.
    payload.value = result.issues.length ? undefined : result.value;
    return payload;
}
const $ZodOptional = /*@__PURE__*/ $constructor("$ZodOptional", (inst, def) => {
    $ZodType.init(inst, def);
    // .optional() propagates absence rather than substituting for it, so a defaulted inner keeps its rung.
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    inst._zod.optout = "optional";
    defineLazyInternal(inst, "values", (zod) => {
        const values = zod.def.innerType._zod.values;
        return values ? new Set([...values, undefined]) : undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        if (payload.value === undefined) {
            // Only the top rung substitutes a value for absence; everything else leaves it intact, which is what .optional() means.
            if (def.innerType._zod.optin !== "defaulted")
                return payload;
            // Its own payload, for the same reason $ZodCatch gets one: a pipe forwards an unrecognized key through the caller's issues array, and this must not read that as the substituting schema failing and drop it.
            const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
            if (result instanceof Promise)
                return result.then((result) => handleOptionalResult(payload, result));
            return handleOptionalResult(payload, result);
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNullable = /*@__PURE__*/ $constructor("$ZodNullable", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : undefined;
    });
    defineLazyInternal(inst, "values", (zod) => {
        return zod.def.innerType._zod.values ? new Set([...zod.def.innerType._zod.values, null]) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        // Forward direction (decode): allow null to pass through
        if (payload.value === null)
            return payload;
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodDefault = /*@__PURE__*/ $constructor("$ZodDefault", (inst, def) => {
    $ZodType.init(inst, def);
    // inst._zod.qin = "true";
    inst._zod.optin = "defaulted";
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply defaults for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
            /**
             * $ZodDefault returns the default value immediately in forward direction.
             * It doesn't pass the default value into the validator ("prefault"). There's no reason to pass the default value through validation. The validity of the default is enforced by TypeScript statically. Otherwise, it's the responsibility of the user to ensure the default is valid. In the case of pipes with divergent in/out types, you can specify the default on the `in` schema of your ZodPipe to set a "prefault" for the pipe.   */
            return payload;
        }
        // Forward direction: continue with default handling
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleDefaultResult(result, def));
        }
        return handleDefaultResult(result, def);
    };
});
function handleDefaultResult(payload, def) {
    if (payload.value === undefined) {
        payload.value = def.defaultValue;
    }
    return payload;
}
function handleCatchResult(payload, result, def, ctx) {
    if (!result.issues.length) {
        payload.value = result.value;
        // The value carries up, so the flag describing it has to carry with it: a back-edge into a node still being parsed must not be frozen by an enclosing readonly, and its checks belong to the node itself. Guarded so the ordinary case adds no own property.
        if (result.memo)
            payload.memo = true;
        return payload;
    }
    // Spread the inner's own payload, not ours: `value` has to stay the input the catch was handed, and the inner ran on a payload of its own so its issues are already private to this call.
    payload.value = def.catchValue({
        ...result,
        value: payload.value,
        error: {
            issues: result.issues.map((iss) => finalizeIssue(iss, ctx, config())),
        },
        input: payload.value,
    });
    return payload;
}
const $ZodCatch = /*@__PURE__*/ $constructor("$ZodCatch", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply catch logic
        const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleCatchResult(payload, result, def, ctx));
        }
        return handleCatchResult(payload, result, def, ctx);
    };
});
const $ZodPipe = /*@__PURE__*/ $constructor("$ZodPipe", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handlePipeResult(right, def.in, ctx));
            }
            return handlePipeResult(right, def.in, ctx);
        }
        const left = def.in._zod.run(payload, ctx);
        if (left instanceof Promise) {
            return left.then((left) => handlePipeResult(left, def.out, ctx));
        }
        return handlePipeResult(left, def.out, ctx);
    };
});
function handlePipeResult(left, next, ctx) {
    // Any issue stops the pipe, so a failing refinement never feeds its transform. An unrecognized key is the exception: it describes the input's extra properties, not the value being piped, and an enclosing intersection may yet reconcile it.
    if (left.issues.some((iss) => iss.code !== "unrecognized_keys")) {
        // prevent further checks
        left.aborted = true;
        return left;
    }
    return next._zod.run({ value: left.value, issues: left.issues }, ctx);
}

function snapshotChecks(def) {
    if (def.checks)
        def.checks = [...def.checks];
    return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
    return new Class(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
    return new Class(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "safeint",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
    return new Class({
        type: "boolean",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
    return new Class({
        type: "unknown",
    });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
    return new Class({
        type: "never",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...normalizeParams(params),
        value,
        inclusive: true,
    });
}
// nonnegative
// @__NO_SIDE_EFFECTS__
function _nonnegative(params) {
    return _gte(0, params);
}
// @__NO_SIDE_EFFECTS__
function _maxLength(maximum, params) {
    const ch = new $ZodCheckMaxLength({
        check: "max_length",
        ...normalizeParams(params),
        maximum,
    });
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
    return new $ZodCheckMinLength({
        check: "min_length",
        ...normalizeParams(params),
        minimum,
    });
}

const ZodMiniType = /*@__PURE__*/ $constructor("ZodMiniType", (inst, def) => {
    if (!inst._zod)
        throw new Error("Uninitialized schema in ZodMiniType.");
    $ZodType.init(inst, def);
    inst.def = def;
    inst.type = def.type;
}, {
    // `with` is an alias for `check`: the same function object, not a wrapper.
    get with() {
        return this.check;
    },
    set with(value) {
        own(this, "with", value);
    },
    parse(data, params) {
        return parse(this, data, params, { callee: this.parse });
    },
    parseAsync(data, params) {
        return parseAsync(this, data, params, { callee: this.parseAsync });
    },
    safeParse(data, params) {
        return safeParse(this, data, params);
    },
    safeParseAsync(data, params) {
        return safeParseAsync(this, data, params);
    },
    check(...checks) {
        const def = this.def;
        return this.clone({
            ...def,
            checks: [
                ...(def.checks ?? []),
                ...checks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch),
            ],
        }, { parent: true });
    },
    clone(_def, params) {
        return clone(this, _def, params);
    },
    brand() {
        return this;
    },
    register(reg, meta) {
        reg.add(this, meta);
        return this;
    },
    apply(fn, ...args) {
        return args.length === 0 ? fn(this) : fn(this, ...args);
    },
});
const ZodMiniString = /*@__PURE__*/ $constructor("ZodMiniString", (inst, def) => {
    $ZodString.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function string(params) {
    return _string(ZodMiniString, params);
}
const ZodMiniNumber = /*@__PURE__*/ $constructor("ZodMiniNumber", (inst, def) => {
    $ZodNumber.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function number(params) {
    return _number(ZodMiniNumber, params);
}
const ZodMiniNumberFormat = /*@__PURE__*/ $constructor("ZodMiniNumberFormat", (inst, def) => {
    $ZodNumberFormat.init(inst, def);
    ZodMiniNumber.init(inst, def);
});
function int(params) {
    return _int(ZodMiniNumberFormat, params);
}
const ZodMiniBoolean = /*@__PURE__*/ $constructor("ZodMiniBoolean", (inst, def) => {
    $ZodBoolean.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function boolean(params) {
    return _boolean(ZodMiniBoolean, params);
}
const ZodMiniUnknown = /*@__PURE__*/ $constructor("ZodMiniUnknown", (inst, def) => {
    $ZodUnknown.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function unknown() {
    return _unknown(ZodMiniUnknown);
}
const ZodMiniNever = /*@__PURE__*/ $constructor("ZodMiniNever", (inst, def) => {
    $ZodNever.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function never(params) {
    return _never(ZodMiniNever, params);
}
const ZodMiniArray = /*@__PURE__*/ $constructor("ZodMiniArray", (inst, def) => {
    $ZodArray.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function array(element, params) {
    return new ZodMiniArray({
        type: "array",
        element: element,
        ...normalizeParams(params),
    });
}
const ZodMiniObject = /*@__PURE__*/ $constructor("ZodMiniObject", (inst, def) => {
    $ZodObject.init(inst, def);
    ZodMiniType.init(inst, def);
    installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
});
// @__NO_SIDE_EFFECTS__
function object(shape, params) {
    const def = {
        type: "object",
        shape: shape ?? {},
        ...normalizeParams(params),
    };
    return new ZodMiniObject(def);
}
// strictObject
// @__NO_SIDE_EFFECTS__
function strictObject(shape, params) {
    return new ZodMiniObject({
        type: "object",
        shape,
        catchall: never(),
        ...normalizeParams(params),
    });
}
const ZodMiniUnion = /*@__PURE__*/ $constructor("ZodMiniUnion", (inst, def) => {
    $ZodUnion.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function union(options, params) {
    return new ZodMiniUnion({
        type: "union",
        options: options,
        ...normalizeParams(params),
    });
}
const ZodMiniDiscriminatedUnion = /*@__PURE__*/ $constructor("ZodMiniDiscriminatedUnion", (inst, def) => {
    $ZodDiscriminatedUnion.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function discriminatedUnion(discriminator, options, params) {
    return new ZodMiniDiscriminatedUnion({
        type: "union",
        options: options,
        discriminator,
        ...normalizeParams(params),
    });
}
const ZodMiniRecord = /*@__PURE__*/ $constructor("ZodMiniRecord", (inst, def) => {
    $ZodRecord.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function record(keyType, valueType, params) {
    // v3-compat: z.record(valueType, params?) — defaults keyType to z.string()
    if (!valueType || !valueType._zod) {
        return new ZodMiniRecord({
            type: "record",
            keyType: string(),
            valueType: keyType,
            ...normalizeParams(valueType),
        });
    }
    return new ZodMiniRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...normalizeParams(params),
    });
}
const ZodMiniEnum = /*@__PURE__*/ $constructor("ZodMiniEnum", (inst, def) => {
    $ZodEnum.init(inst, def);
    ZodMiniType.init(inst, def);
    // reuse the parsed value set so a numeric TS enum's reverse-mapping keys stay out
    inst.options = [...inst._zod.values];
});
// @__NO_SIDE_EFFECTS__
function _enum(values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    return new ZodMiniEnum({
        type: "enum",
        entries,
        ...normalizeParams(params),
    });
}
const ZodMiniLiteral = /*@__PURE__*/ $constructor("ZodMiniLiteral", (inst, def) => {
    $ZodLiteral.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function literal(value, params) {
    return new ZodMiniLiteral({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...normalizeParams(params),
    });
}
const ZodMiniTransform = /*@__PURE__*/ $constructor("ZodMiniTransform", (inst, def) => {
    $ZodTransform.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function transform(fn) {
    return new ZodMiniTransform({
        type: "transform",
        transform: fn,
    });
}
const ZodMiniOptional = /*@__PURE__*/ $constructor("ZodMiniOptional", (inst, def) => {
    $ZodOptional.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function optional(innerType) {
    return new ZodMiniOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodMiniNullable = /*@__PURE__*/ $constructor("ZodMiniNullable", (inst, def) => {
    $ZodNullable.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function nullable(innerType) {
    return new ZodMiniNullable({
        type: "nullable",
        innerType: innerType,
    });
}
// nullish
// @__NO_SIDE_EFFECTS__
function nullish(innerType) {
    return optional(nullable(innerType));
}
const ZodMiniDefault = /*@__PURE__*/ $constructor("ZodMiniDefault", (inst, def) => {
    $ZodDefault.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function _default(innerType, defaultValue) {
    return new ZodMiniDefault({
        type: "default",
        innerType: innerType,
        get defaultValue() {
            return shallowClone(defaultValue);
        },
    });
}
const ZodMiniCatch = /*@__PURE__*/ $constructor("ZodMiniCatch", (inst, def) => {
    $ZodCatch.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function _catch(innerType, catchValue) {
    return new ZodMiniCatch({
        type: "catch",
        innerType: innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : constantCatch(catchValue)),
    });
}
const ZodMiniPipe = /*@__PURE__*/ $constructor("ZodMiniPipe", (inst, def) => {
    $ZodPipe.init(inst, def);
    ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function pipe(in_, out) {
    return new ZodMiniPipe({
        type: "pipe",
        in: in_,
        out: out,
    });
}

/**
 * zod/mini (tree-shakable: the card bundle stays small) with zod's English messages, which the mini
 * build leaves out by default; without them every problem reads "Invalid input".
 */
config(en$1());

/** The categories the card offers actions for; `satisfies` fails to compile if the policy's list drifts. */
const CATEGORIES = [
    'location',
    'network',
    'device',
    'personal',
    'credentials',
    'health',
    'media',
    'behaviour',
    'third_party',
];
const FIELD_ACTIONS = ['allow', 'redact', 'hash', 'drop', 'block'];
/** A stable key for an action's subject, so the component can show which control is pending. */
function actionSubject(action) {
    switch (action.kind) {
        case 'field_action':
            return `field:${action.fieldPath}`;
        case 'category_action':
            return `category:${action.category}`;
        case 'destination':
            return `destination:${action.host}`;
        case 'quarantine':
            return 'quarantine';
        case 'lockdown':
            return 'lockdown';
    }
}
/** The HA trust score formula (custom_components/privacy_gateway/stats.py), with its reasons. */
function trustScore(violations, newDestinations, opaquePayloads) {
    const reasons = [
        { key: 'violations', count: violations, points: 10 * violations },
        { key: 'new_destinations', count: newDestinations, points: 5 * newDestinations },
        { key: 'opaque_payloads', count: opaquePayloads, points: 10 * opaquePayloads },
    ].filter((reason) => reason.count > 0);
    const lost = reasons.reduce((sum, reason) => sum + reason.points, 0);
    return { score: Math.max(0, 100 - lost), reasons };
}
/** Most exposed first: lowest trust score, then most violations, then most data uploaded. */
function byExposure(a, b) {
    return (a.trustScore - b.trustScore ||
        b.violationsToday - a.violationsToday ||
        b.bytesUploaded - a.bytesUploaded ||
        a.name.localeCompare(b.name));
}

/**
 * The integration's card commands (docs/HUB_PROTOCOL.md, "Card commands"), parsed once here with
 * zod/mini (the tree-shakable build: the card bundle stays small). Objects are not strict: a newer
 * integration may add keys, and the card ignores what it does not know.
 */
const isoTime = pipe(nullish(string()), transform((value) => {
    const ms = value ? Date.parse(value) : Number.NaN;
    return Number.isNaN(ms) ? undefined : ms;
}));
const count = _catch(int().check(_nonnegative()), 0);
const DeviceStatsSchema = object({
    violations_today: count,
    new_destinations_today: count,
    opaque_payloads_today: count,
    bytes_uploaded: count,
    requests: count,
    blocked: count,
    destinations: _catch(array(string()), []),
    last_violation: isoTime,
    last_seen: isoTime,
    trust_score: optional(number()),
    /** "Uses its own DNS" evidence by signal and host (integration's stats.py); absent from older ones. */
    own_dns: _catch(record(string(), object({ signal: string(), host: string(), port: nullish(int()), count: count, last_seen: isoTime })), {}),
});
const DevicesResultSchema = object({
    connected: boolean(),
    mode: optional(string()),
    devices: array(object({
        device_id: string(),
        name: string(),
        mode: nullish(string()),
        quarantined: _catch(boolean(), false),
        stats: DeviceStatsSchema,
    })),
});
/** A rule's Home Assistant condition (src/policy/conditions.ts); one the card cannot read is left out. */
const States = union([string(), array(string())]);
const ConditionObject = object({ entity: string(), state: optional(States), not: optional(States) });
const ConditionSchema = _catch(optional(ConditionObject), undefined);
const PolicyDestinationSchema = object({
    vendor: nullish(string()),
    hosts: array(string()),
    access: _catch(_enum(['allow', 'block']), 'allow'),
    when: ConditionSchema,
});
const PolicyRuleSchema = object({
    id: string(),
    action: _enum(FIELD_ACTIONS),
    path: optional(string()),
    category: optional(_enum(CATEGORIES)),
    destinations: optional(array(string())),
    when: ConditionSchema,
});
const EventDataSchema = object({
    device_id: nullish(string()),
    destination: nullish(string()),
    vendor: nullish(string()),
    field_path: nullish(string()),
    category: nullish(string()),
    action: nullish(string()),
    rule: nullish(string()),
    explanation: nullish(string()),
    /** dns_bypass events: which signal, the port and how many sightings. */
    signal: nullish(string()),
    port: nullish(int()),
    count: nullish(int()),
});
const EventTypeSchema = _enum(['violation', 'new_destination', 'opaque_payload', 'dns_bypass']);
const DeviceReportSchema = object({
    device_id: string(),
    name: string(),
    mode: nullish(string()),
    quarantined: _catch(boolean(), false),
    stats: DeviceStatsSchema,
    destinations: _catch(array(PolicyDestinationSchema), []),
    rules: _catch(array(PolicyRuleSchema), []),
    sidecar_connected: _catch(boolean(), false),
    /** Sent for a device with conditioned rules: its conditional modes and the states the conditions read. */
    mode_when: _catch(array(object({ mode: string(), when: ConditionObject })), []),
    condition_states: _catch(array(object({ entity_id: string(), state: nullable(string()), last_changed: nullable(number()) })), []),
    /** Not sent by the integration yet; when it is, the timeline survives a page reload. */
    events: optional(array(object({ ts: isoTime, event_type: EventTypeSchema, data: EventDataSchema }))),
});
const CardEventSchema = discriminatedUnion('type', [
    object({ type: literal('sidecar'), connected: boolean() }),
    object({ type: literal('device'), device_id: string(), stats: DeviceStatsSchema }),
    object({ type: literal('event'), event_type: EventTypeSchema, data: EventDataSchema }),
    object({ type: literal('policy'), etag: string() }),
]);
/** `path: problem` lines, for answers that do not have the documented shape. */
function describeIssues(issues, root = 'value') {
    return issues
        .map((issue) => {
        const path = issue.path.map(String).join('.');
        if (issue.code === 'unrecognized_keys')
            return `unknown option ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
        return `${path || root}: ${issue.message}`;
    })
        .join('; ');
}

const CARD_TYPE = 'privacy-gateway-card';
/**
 * The card's YAML. Strict, so a typo (`device:` for `device_id:`) is an error rather than silently
 * showing the household; the keys Home Assistant itself adds to any card are accepted as they are.
 */
const PrivacyCardConfigSchema = strictObject({
    type: literal(`custom:${CARD_TYPE}`),
    title: optional(string().check(_maxLength(100))),
    /** A Home Assistant device id of a mediated device; without it the card shows the household. */
    device_id: optional(string().check(_minLength(1), _maxLength(64))),
    timeline: _default(_enum(['24h', '7d']), '24h'),
    grid_options: optional(unknown()),
    layout_options: optional(unknown()),
    view_layout: optional(unknown()),
    visibility: optional(unknown()),
});
/** Validates a card configuration; the Error's message is what the dashboard shows in the error card. */
function parseCardConfig(input) {
    const result = PrivacyCardConfigSchema.safeParse(input);
    if (!result.success)
        throw new Error(`Invalid Privacy Gateway card configuration: ${describeIssues(result.error.issues, 'config')}`);
    return result.data;
}

var en = {
  "card": {
    "name": "Privacy Gateway",
    "description": "What each device sends, where, and a one-click change.",
    "title": "Privacy",
    "loading": "Loading…",
    "refresh": "Refresh",
    "error": "Could not load the privacy data: {message}",
    "not_loaded": "The Privacy Gateway integration is not loaded. Check Settings → Devices & services.",
    "sidecar_disconnected": "The gateway sidecar is not connected: figures may be out of date. Edits are saved and reach it when it reconnects.",
    "read_only": "Read-only: on the gateway's own page, open the login link it printed at start to make changes (with Home Assistant connected, make them there); in Home Assistant, an administrator makes them.",
    "unknown": "unknown",
    "never": "never"
  },
  "overview": {
    "title": "Household",
    "empty": "No mediated device yet. Add one in the integration's settings.",
    "open": "Open {name}",
    "trust_score": "Trust score {score}",
    "trusted": "No concerns today",
    "quarantined": "Quarantined",
    "violations_today": "{count} violations today",
    "destinations": "{count} destinations",
    "uploaded": "{bytes} uploaded"
  },
  "reason": {
    "violations": "{count} violations today (−{points})",
    "new_destinations": "{count} new destinations today (−{points})",
    "opaque_payloads": "{count} opaque payloads today (−{points})"
  },
  "device": {
    "back": "Back to the household",
    "mode": "Mode: {mode}",
    "no_traffic": "No traffic seen from this device yet.",
    "last_seen": "Last seen {time}",
    "destinations": "Destinations",
    "no_destinations": "No destinations.",
    "host": "Host and vendor",
    "inspection": "Inspection",
    "inspectable": "inspected",
    "not_inspectable": "not inspectable (pinned certificate)",
    "access": "Access",
    "first_seen": "First seen",
    "last_seen_column": "Last seen",
    "requests": "Requests",
    "allowed": "allowed",
    "blocked": "blocked",
    "by_default": "(default)",
    "allow_destination": "Allow {host}",
    "block_destination": "Block {host}",
    "fields": "Data sent, by category",
    "no_fields": "No inspected fields.",
    "category_action": "Action for all {category} data",
    "field_action": "Action for field {path}",
    "not_applied": "not applied: monitor mode",
    "decided_by": "why this category",
    "seen_times": "{count} times",
    "opaque_mark": "opaque",
    "timeline": "Violations",
    "range_24h": "24 hours",
    "range_7d": "7 days",
    "timeline_summary": "{count} violations in the last {range}",
    "bar": "{label}: {count} violations",
    "opaque": "Opaque payloads",
    "no_opaque": "No opaque payloads.",
    "quarantine": "Quarantine",
    "release": "Release from quarantine",
    "quarantine_label": "Cut {name} off the internet",
    "release_label": "Let {name} back onto the internet",
    "export": "Export report",
    "export_label": "Download the privacy report of {name}",
    "party_first": "first party (the maker)",
    "party_support": "support (cloud, CDN, time)",
    "party_third": "third party (analytics, ads)",
    "party_unknown": "party unknown",
    "conditions": "Rules that follow the home"
  },
  "category": {
    "location": "Location",
    "network": "Network identifiers",
    "device": "Device identifiers",
    "personal": "Personal identifiers",
    "credentials": "Credentials",
    "health": "Health",
    "media": "Media",
    "behaviour": "Behaviour",
    "third_party": "Third parties",
    "none": "Uncategorised"
  },
  "action": {
    "allow": "allow",
    "redact": "redact",
    "hash": "hash",
    "drop": "drop",
    "block": "block"
  },
  "status": {
    "pending": "Applying…",
    "applied": "Applied: {change}",
    "failed": "Not applied: {message}",
    "exported": "Report saved as {file}"
  },
  "change": {
    "field": "{action} for {path}",
    "category": "{action} for {category}",
    "destination_allow": "{host} allowed",
    "destination_block": "{host} blocked",
    "quarantine": "{name} quarantined",
    "release": "{name} released",
    "lockdown": "{name} locked down to {count} allowed destinations"
  },
  "editor": {
    "title": "Title (optional)",
    "device_id": "Device",
    "household": "Household overview",
    "timeline": "Timeline range"
  },
  "lockdown": {
    "title": "Learn, then lock",
    "learned": "Learned for {days} days: the gateway proposes this allowlist. Lock the device down to it, and every destination not on it is refused.",
    "learning": "Learning: {days} of {total} days observed. You can lock down now or wait until the device has shown everything it does.",
    "already": "The device is locked down; applying again replaces its learned allowlist.",
    "nothing": "Nothing observed yet: locking down now would refuse every destination.",
    "data": "Data received",
    "no_data": "none seen",
    "proposed": "Proposed",
    "review": "review",
    "changed": "(your choice)",
    "access_label": "Proposed access for {host}",
    "apply": "Lock down: allow {count}, refuse the rest",
    "apply_label": "Lock {name} down to {count} allowed destinations"
  },
  "conditions": {
    "mode": "mode {mode}",
    "while": "while {test}",
    "applies": "applies now",
    "not_now": "not now",
    "state": "state {state}",
    "for": "for {age}",
    "never_seen": "state never seen: the gateway takes the stricter reading",
    "no_information": "state {state}: the gateway takes the stricter reading",
    "ha_away": "last known, Home Assistant away",
    "gateway_away": "the gateway is away and keeps the last state it received"
  },
  "network": {
    "names": "Names it looked up",
    "names_unknown": "The names it looks up are shown once the gateway's DNS reports them.",
    "no_names": "It looked up no names through the gateway.",
    "name": "Name",
    "lookups": "Lookups",
    "answered": "Answered",
    "answer": {
      "steered": "steered to the gateway",
      "truthful": "truthfully",
      "sinkholed": "sinkholed",
      "failed": "failed"
    },
    "topics": "MQTT topics",
    "topics_unknown": "MQTT topics are shown once the gateway reports them.",
    "no_topics": "No MQTT messages seen.",
    "templated": "Levels that name one device or person are shown as placeholders such as {device}.",
    "topic": "Broker and topic",
    "direction": "Direction",
    "messages": "Messages",
    "published": "published",
    "received": "received",
    "blocked": "{count} blocked",
    "own_dns": "Uses its own DNS: some of its traffic may reach vendors without the gateway seeing their names.",
    "times": "{count} times",
    "signal": {
      "resolved-encrypted-dns": "looked up a public encrypted-DNS service",
      "connected-encrypted-dns": "connected to a public encrypted-DNS service",
      "connected-dns-port": "connected to a DNS port elsewhere",
      "unresolved-address": "connected to an address it never resolved here"
    }
  }
}
;

/** Languages the card ships; others fall back to English, and a missing key shows as itself. */
const TABLES = { en };
function lookup(table, key) {
    let node = table;
    for (const part of key.split('.')) {
        if (node === undefined || typeof node === 'string')
            return undefined;
        node = node[part];
    }
    return typeof node === 'string' ? node : undefined;
}
/** `de-CH` tries `de-CH`, then `de`, then English; an unknown key returns the key. */
function createLocalize(language, tables = TABLES) {
    const candidates = [language, language?.split('-')[0], 'en'].filter((code) => Boolean(code));
    return (key, vars = {}) => {
        let text = key;
        for (const code of candidates) {
            const found = lookup(tables[code], key);
            if (found !== undefined) {
                text = found;
                break;
            }
        }
        return text.replace(/\{(\w+)\}/g, (placeholder, name) => {
            const value = vars[name];
            return value === undefined ? placeholder : String(value);
        });
    };
}

/******************************************************************************
Copyright (c) Microsoft Corporation.

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH
REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY
AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT,
INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM
LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR
OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
PERFORMANCE OF THIS SOFTWARE.
***************************************************************************** */
/* global Reflect, Promise, SuppressedError, Symbol, Iterator */


function __decorate(decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
}

typeof SuppressedError === "function" ? SuppressedError : function (error, suppressed, message) {
    var e = new Error(message);
    return e.name = "SuppressedError", e.error = error, e.suppressed = suppressed, e;
};

/**
 * @license
 * Copyright 2019 Google LLC
 * SPDX-License-Identifier: BSD-3-Clause
 */
const t$1=globalThis,e$2=t$1.ShadowRoot&&(void 0===t$1.ShadyCSS||t$1.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,s$2=Symbol(),o$4=new WeakMap;let n$3 = class n{constructor(t,e,o){if(this._$cssResult$=true,o!==s$2)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e;}get styleSheet(){let t=this.o;const s=this.t;if(e$2&&void 0===t){const e=void 0!==s&&1===s.length;e&&(t=o$4.get(s)),void 0===t&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),e&&o$4.set(s,t));}return t}toString(){return this.cssText}};const r$4=t=>new n$3("string"==typeof t?t:t+"",void 0,s$2),i$3=(t,...e)=>{const o=1===t.length?t[0]:e.reduce((e,s,o)=>e+(t=>{if(true===t._$cssResult$)return t.cssText;if("number"==typeof t)return t;throw Error("Value passed to 'css' function must be a 'css' function result: "+t+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(s)+t[o+1],t[0]);return new n$3(o,t,s$2)},S$1=(s,o)=>{if(e$2)s.adoptedStyleSheets=o.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(const e of o){const o=document.createElement("style"),n=t$1.litNonce;void 0!==n&&o.setAttribute("nonce",n),o.textContent=e.cssText,s.appendChild(o);}},c$2=e$2?t=>t:t=>t instanceof CSSStyleSheet?(t=>{let e="";for(const s of t.cssRules)e+=s.cssText;return r$4(e)})(t):t;

/**
 * @license
 * Copyright 2017 Google LLC
 * SPDX-License-Identifier: BSD-3-Clause
 */const{is:i$2,defineProperty:e$1,getOwnPropertyDescriptor:h$1,getOwnPropertyNames:r$3,getOwnPropertySymbols:o$3,getPrototypeOf:n$2}=Object,a$1=globalThis,c$1=a$1.trustedTypes,l$1=c$1?c$1.emptyScript:"",p$1=a$1.reactiveElementPolyfillSupport,d$1=(t,s)=>t,u$1={toAttribute(t,s){switch(s){case Boolean:t=t?l$1:null;break;case Object:case Array:t=null==t?t:JSON.stringify(t);}return t},fromAttribute(t,s){let i=t;switch(s){case Boolean:i=null!==t;break;case Number:i=null===t?null:Number(t);break;case Object:case Array:try{i=JSON.parse(t);}catch(t){i=null;}}return i}},f$1=(t,s)=>!i$2(t,s),b$1={attribute:true,type:String,converter:u$1,reflect:false,useDefault:false,hasChanged:f$1};Symbol.metadata??=Symbol("metadata"),a$1.litPropertyMetadata??=new WeakMap;let y$1 = class y extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t);}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,s=b$1){if(s.state&&(s.attribute=false),this._$Ei(),this.prototype.hasOwnProperty(t)&&((s=Object.create(s)).wrapped=true),this.elementProperties.set(t,s),!s.noAccessor){const i=Symbol(),h=this.getPropertyDescriptor(t,i,s);void 0!==h&&e$1(this.prototype,t,h);}}static getPropertyDescriptor(t,s,i){const{get:e,set:r}=h$1(this.prototype,t)??{get(){return this[s]},set(t){this[s]=t;}};return {get:e,set(s){const h=e?.call(this);r?.call(this,s),this.requestUpdate(t,h,i);},configurable:true,enumerable:true}}static getPropertyOptions(t){return this.elementProperties.get(t)??b$1}static _$Ei(){if(this.hasOwnProperty(d$1("elementProperties")))return;const t=n$2(this);t.finalize(),void 0!==t.l&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties);}static finalize(){if(this.hasOwnProperty(d$1("finalized")))return;if(this.finalized=true,this._$Ei(),this.hasOwnProperty(d$1("properties"))){const t=this.properties,s=[...r$3(t),...o$3(t)];for(const i of s)this.createProperty(i,t[i]);}const t=this[Symbol.metadata];if(null!==t){const s=litPropertyMetadata.get(t);if(void 0!==s)for(const[t,i]of s)this.elementProperties.set(t,i);}this._$Eh=new Map;for(const[t,s]of this.elementProperties){const i=this._$Eu(t,s);void 0!==i&&this._$Eh.set(i,t);}this.elementStyles=this.finalizeStyles(this.styles);}static finalizeStyles(s){const i=[];if(Array.isArray(s)){const e=new Set(s.flat(1/0).reverse());for(const s of e)i.unshift(c$2(s));}else void 0!==s&&i.push(c$2(s));return i}static _$Eu(t,s){const i=s.attribute;return  false===i?void 0:"string"==typeof i?i:"string"==typeof t?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=false,this.hasUpdated=false,this._$Em=null,this._$Ev();}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this));}addController(t){(this._$EO??=new Set).add(t),void 0!==this.renderRoot&&this.isConnected&&t.hostConnected?.();}removeController(t){this._$EO?.delete(t);}_$E_(){const t=new Map,s=this.constructor.elementProperties;for(const i of s.keys())this.hasOwnProperty(i)&&(t.set(i,this[i]),delete this[i]);t.size>0&&(this._$Ep=t);}createRenderRoot(){const t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return S$1(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(true),this._$EO?.forEach(t=>t.hostConnected?.());}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.());}attributeChangedCallback(t,s,i){this._$AK(t,i);}_$ET(t,s){const i=this.constructor.elementProperties.get(t),e=this.constructor._$Eu(t,i);if(void 0!==e&&true===i.reflect){const h=(void 0!==i.converter?.toAttribute?i.converter:u$1).toAttribute(s,i.type);this._$Em=t,null==h?this.removeAttribute(e):this.setAttribute(e,h),this._$Em=null;}}_$AK(t,s){const i=this.constructor,e=i._$Eh.get(t);if(void 0!==e&&this._$Em!==e){const t=i.getPropertyOptions(e),h="function"==typeof t.converter?{fromAttribute:t.converter}:void 0!==t.converter?.fromAttribute?t.converter:u$1;this._$Em=e;const r=h.fromAttribute(s,t.type);this[e]=r??this._$Ej?.get(e)??r,this._$Em=null;}}requestUpdate(t,s,i,e=false,h){if(void 0!==t){const r=this.constructor;if(false===e&&(h=this[t]),i??=r.getPropertyOptions(t),!((i.hasChanged??f$1)(h,s)||i.useDefault&&i.reflect&&h===this._$Ej?.get(t)&&!this.hasAttribute(r._$Eu(t,i))))return;this.C(t,s,i);} false===this.isUpdatePending&&(this._$ES=this._$EP());}C(t,s,{useDefault:i,reflect:e,wrapped:h},r){i&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,r??s??this[t]),true!==h||void 0!==r)||(this._$AL.has(t)||(this.hasUpdated||i||(s=void 0),this._$AL.set(t,s)),true===e&&this._$Em!==t&&(this._$Eq??=new Set).add(t));}async _$EP(){this.isUpdatePending=true;try{await this._$ES;}catch(t){Promise.reject(t);}const t=this.scheduleUpdate();return null!=t&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(const[t,s]of this._$Ep)this[t]=s;this._$Ep=void 0;}const t=this.constructor.elementProperties;if(t.size>0)for(const[s,i]of t){const{wrapped:t}=i,e=this[s];true!==t||this._$AL.has(s)||void 0===e||this.C(s,void 0,i,e);}}let t=false;const s=this._$AL;try{t=this.shouldUpdate(s),t?(this.willUpdate(s),this._$EO?.forEach(t=>t.hostUpdate?.()),this.update(s)):this._$EM();}catch(s){throw t=false,this._$EM(),s}t&&this._$AE(s);}willUpdate(t){}_$AE(t){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=true,this.firstUpdated(t)),this.updated(t);}_$EM(){this._$AL=new Map,this.isUpdatePending=false;}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return  true}update(t){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM();}updated(t){}firstUpdated(t){}};y$1.elementStyles=[],y$1.shadowRootOptions={mode:"open"},y$1[d$1("elementProperties")]=new Map,y$1[d$1("finalized")]=new Map,p$1?.({ReactiveElement:y$1}),(a$1.reactiveElementVersions??=[]).push("2.1.2");

/**
 * @license
 * Copyright 2017 Google LLC
 * SPDX-License-Identifier: BSD-3-Clause
 */
const t=globalThis,i$1=t=>t,s$1=t.trustedTypes,e=s$1?s$1.createPolicy("lit-html",{createHTML:t=>t}):void 0,h="$lit$",o$2=`lit$${Math.random().toFixed(9).slice(2)}$`,n$1="?"+o$2,r$2=`<${n$1}>`,l=document,c=()=>l.createComment(""),a=t=>null===t||"object"!=typeof t&&"function"!=typeof t,u=Array.isArray,d=t=>u(t)||"function"==typeof t?.[Symbol.iterator],f="[ \t\n\f\r]",v=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,_=/-->/g,m=/>/g,p=RegExp(`>|${f}(?:([^\\s"'>=/]+)(${f}*=${f}*(?:[^ \t\n\f\r"'\`<>=]|("|')|))|$)`,"g"),g=/'/g,$=/"/g,y=/^(?:script|style|textarea|title)$/i,x=t=>(i,...s)=>({_$litType$:t,strings:i,values:s}),b=x(1),w=x(2),E=Symbol.for("lit-noChange"),A=Symbol.for("lit-nothing"),C=new WeakMap,P=l.createTreeWalker(l,129);function V(t,i){if(!u(t)||!t.hasOwnProperty("raw"))throw Error("invalid template strings array");return void 0!==e?e.createHTML(i):i}const N=(t,i)=>{const s=t.length-1,e=[];let n,l=2===i?"<svg>":3===i?"<math>":"",c=v;for(let i=0;i<s;i++){const s=t[i];let a,u,d=-1,f=0;for(;f<s.length&&(c.lastIndex=f,u=c.exec(s),null!==u);)f=c.lastIndex,c===v?"!--"===u[1]?c=_:void 0!==u[1]?c=m:void 0!==u[2]?(y.test(u[2])&&(n=RegExp("</"+u[2],"g")),c=p):void 0!==u[3]&&(c=p):c===p?">"===u[0]?(c=n??v,d=-1):void 0===u[1]?d=-2:(d=c.lastIndex-u[2].length,a=u[1],c=void 0===u[3]?p:'"'===u[3]?$:g):c===$||c===g?c=p:c===_||c===m?c=v:(c=p,n=void 0);const x=c===p&&t[i+1].startsWith("/>")?" ":"";l+=c===v?s+r$2:d>=0?(e.push(a),s.slice(0,d)+h+s.slice(d)+o$2+x):s+o$2+(-2===d?i:x);}return [V(t,l+(t[s]||"<?>")+(2===i?"</svg>":3===i?"</math>":"")),e]};class S{constructor({strings:t,_$litType$:i},e){let r;this.parts=[];let l=0,a=0;const u=t.length-1,d=this.parts,[f,v]=N(t,i);if(this.el=S.createElement(f,e),P.currentNode=this.el.content,2===i||3===i){const t=this.el.content.firstChild;t.replaceWith(...t.childNodes);}for(;null!==(r=P.nextNode())&&d.length<u;){if(1===r.nodeType){if(r.hasAttributes())for(const t of r.getAttributeNames())if(t.endsWith(h)){const i=v[a++],s=r.getAttribute(t).split(o$2),e=/([.?@])?(.*)/.exec(i);d.push({type:1,index:l,name:e[2],strings:s,ctor:"."===e[1]?I:"?"===e[1]?L:"@"===e[1]?z:H}),r.removeAttribute(t);}else t.startsWith(o$2)&&(d.push({type:6,index:l}),r.removeAttribute(t));if(y.test(r.tagName)){const t=r.textContent.split(o$2),i=t.length-1;if(i>0){r.textContent=s$1?s$1.emptyScript:"";for(let s=0;s<i;s++)r.append(t[s],c()),P.nextNode(),d.push({type:2,index:++l});r.append(t[i],c());}}}else if(8===r.nodeType)if(r.data===n$1)d.push({type:2,index:l});else {let t=-1;for(;-1!==(t=r.data.indexOf(o$2,t+1));)d.push({type:7,index:l}),t+=o$2.length-1;}l++;}}static createElement(t,i){const s=l.createElement("template");return s.innerHTML=t,s}}function M(t,i,s=t,e){if(i===E)return i;let h=void 0!==e?s._$Co?.[e]:s._$Cl;const o=a(i)?void 0:i._$litDirective$;return h?.constructor!==o&&(h?._$AO?.(false),void 0===o?h=void 0:(h=new o(t),h._$AT(t,s,e)),void 0!==e?(s._$Co??=[])[e]=h:s._$Cl=h),void 0!==h&&(i=M(t,h._$AS(t,i.values),h,e)),i}class R{constructor(t,i){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=i;}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){const{el:{content:i},parts:s}=this._$AD,e=(t?.creationScope??l).importNode(i,true);P.currentNode=e;let h=P.nextNode(),o=0,n=0,r=s[0];for(;void 0!==r;){if(o===r.index){let i;2===r.type?i=new k(h,h.nextSibling,this,t):1===r.type?i=new r.ctor(h,r.name,r.strings,this,t):6===r.type&&(i=new Z(h,this,t)),this._$AV.push(i),r=s[++n];}o!==r?.index&&(h=P.nextNode(),o++);}return P.currentNode=l,e}p(t){let i=0;for(const s of this._$AV) void 0!==s&&(void 0!==s.strings?(s._$AI(t,s,i),i+=s.strings.length-2):s._$AI(t[i])),i++;}}class k{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,i,s,e){this.type=2,this._$AH=A,this._$AN=void 0,this._$AA=t,this._$AB=i,this._$AM=s,this.options=e,this._$Cv=e?.isConnected??true;}get parentNode(){let t=this._$AA.parentNode;const i=this._$AM;return void 0!==i&&11===t?.nodeType&&(t=i.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,i=this){t=M(this,t,i),a(t)?t===A||null==t||""===t?(this._$AH!==A&&this._$AR(),this._$AH=A):t!==this._$AH&&t!==E&&this._(t):void 0!==t._$litType$?this.$(t):void 0!==t.nodeType?this.T(t):d(t)?this.k(t):this._(t);}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t));}_(t){this._$AH!==A&&a(this._$AH)?this._$AA.nextSibling.data=t:this.T(l.createTextNode(t)),this._$AH=t;}$(t){const{values:i,_$litType$:s}=t,e="number"==typeof s?this._$AC(t):(void 0===s.el&&(s.el=S.createElement(V(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===e)this._$AH.p(i);else {const t=new R(e,this),s=t.u(this.options);t.p(i),this.T(s),this._$AH=t;}}_$AC(t){let i=C.get(t.strings);return void 0===i&&C.set(t.strings,i=new S(t)),i}k(t){u(this._$AH)||(this._$AH=[],this._$AR());const i=this._$AH;let s,e=0;for(const h of t)e===i.length?i.push(s=new k(this.O(c()),this.O(c()),this,this.options)):s=i[e],s._$AI(h),e++;e<i.length&&(this._$AR(s&&s._$AB.nextSibling,e),i.length=e);}_$AR(t=this._$AA.nextSibling,s){for(this._$AP?.(false,true,s);t!==this._$AB;){const s=i$1(t).nextSibling;i$1(t).remove(),t=s;}}setConnected(t){ void 0===this._$AM&&(this._$Cv=t,this._$AP?.(t));}}class H{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,i,s,e,h){this.type=1,this._$AH=A,this._$AN=void 0,this.element=t,this.name=i,this._$AM=e,this.options=h,s.length>2||""!==s[0]||""!==s[1]?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=A;}_$AI(t,i=this,s,e){const h=this.strings;let o=false;if(void 0===h)t=M(this,t,i,0),o=!a(t)||t!==this._$AH&&t!==E,o&&(this._$AH=t);else {const e=t;let n,r;for(t=h[0],n=0;n<h.length-1;n++)r=M(this,e[s+n],i,n),r===E&&(r=this._$AH[n]),o||=!a(r)||r!==this._$AH[n],r===A?t=A:t!==A&&(t+=(r??"")+h[n+1]),this._$AH[n]=r;}o&&!e&&this.j(t);}j(t){t===A?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"");}}class I extends H{constructor(){super(...arguments),this.type=3;}j(t){this.element[this.name]=t===A?void 0:t;}}class L extends H{constructor(){super(...arguments),this.type=4;}j(t){this.element.toggleAttribute(this.name,!!t&&t!==A);}}class z extends H{constructor(t,i,s,e,h){super(t,i,s,e,h),this.type=5;}_$AI(t,i=this){if((t=M(this,t,i,0)??A)===E)return;const s=this._$AH,e=t===A&&s!==A||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,h=t!==A&&(s===A||e);e&&this.element.removeEventListener(this.name,this,s),h&&this.element.addEventListener(this.name,this,t),this._$AH=t;}handleEvent(t){"function"==typeof this._$AH?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t);}}class Z{constructor(t,i,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=i,this.options=s;}get _$AU(){return this._$AM._$AU}_$AI(t){M(this,t);}}const B=t.litHtmlPolyfillSupport;B?.(S,k),(t.litHtmlVersions??=[]).push("3.3.3");const D=(t,i,s)=>{const e=s?.renderBefore??i;let h=e._$litPart$;if(void 0===h){const t=s?.renderBefore??null;e._$litPart$=h=new k(i.insertBefore(c(),t),t,void 0,s??{});}return h._$AI(t),h};

/**
 * @license
 * Copyright 2017 Google LLC
 * SPDX-License-Identifier: BSD-3-Clause
 */const s=globalThis;class i extends y$1{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0;}createRenderRoot(){const t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){const r=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=D(r,this.renderRoot,this.renderOptions);}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(true);}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(false);}render(){return E}}i._$litElement$=true,i["finalized"]=true,s.litElementHydrateSupport?.({LitElement:i});const o$1=s.litElementPolyfillSupport;o$1?.({LitElement:i});(s.litElementVersions??=[]).push("4.2.2");

/**
 * @license
 * Copyright 2017 Google LLC
 * SPDX-License-Identifier: BSD-3-Clause
 */const o={attribute:true,type:String,converter:u$1,reflect:false,hasChanged:f$1},r$1=(t=o,e,r)=>{const{kind:n,metadata:i}=r;let s=globalThis.litPropertyMetadata.get(i);if(void 0===s&&globalThis.litPropertyMetadata.set(i,s=new Map),"setter"===n&&((t=Object.create(t)).wrapped=true),s.set(r.name,t),"accessor"===n){const{name:o}=r;return {set(r){const n=e.get.call(this);e.set.call(this,r),this.requestUpdate(o,n,t,true,r);},init(e){return void 0!==e&&this.C(o,void 0,t,e),e}}}if("setter"===n){const{name:o}=r;return function(r){const n=this[o];e.call(this,r),this.requestUpdate(o,n,t,true,r);}}throw Error("Unsupported decorator location: "+n)};function n(t){return (e,o)=>"object"==typeof o?r$1(t,e,o):((t,e,o)=>{const r=e.hasOwnProperty(o);return e.constructor.createProperty(o,t),r?Object.getOwnPropertyDescriptor(e,o):void 0})(t,e,o)}

/**
 * @license
 * Copyright 2017 Google LLC
 * SPDX-License-Identifier: BSD-3-Clause
 */function r(r){return n({...r,state:true,attribute:false})}

/** A failed command, with the integration's or page's error code kept for the message shown. */
class DataSourceError extends Error {
    constructor(code, message) {
        super(message);
        this.name = 'DataSourceError';
        this.code = code;
    }
}
/** Home Assistant's and the page's errors arrive as `{code, message}` objects, not Error instances. */
function asDataSourceError(error) {
    if (error instanceof DataSourceError)
        return error;
    if (error instanceof Error)
        return new DataSourceError('unknown_error', error.message);
    if (typeof error === 'object' && error !== null) {
        const record = error;
        const code = typeof record.code === 'string' ? record.code : String(record.code ?? 'unknown_error');
        if (typeof record.message === 'string')
            return new DataSourceError(code, record.message);
    }
    return new DataSourceError('unknown_error', String(error));
}
/** Files named after a device: keep a portable subset of its name. */
function reportFileName(name, extension) {
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 64);
    return `privacy-report-${safe || 'device'}.${extension}`;
}

/**
 * The live subscription's lifecycle: subscribed while the host is in the document, unsubscribed when it
 * leaves, and moved over when the host gets another data source (a new `hass.connection`).
 */
class SubscriptionController {
    constructor(host, onUpdate, onError) {
        this.attached = false;
        /** true from subscribe until stop, also while the subscription is still being set up. */
        this.active = false;
        /** Bumped on every stop, so a subscription that resolves late is closed instead of leaking. */
        this.generation = 0;
        this.onUpdate = onUpdate;
        this.onError = onError;
        host.addController(this);
    }
    get subscribed() {
        return this.unsubscribe !== undefined;
    }
    setSource(source) {
        if (source === this.source)
            return;
        this.stop();
        this.source = source;
        if (this.attached)
            this.start();
    }
    hostConnected() {
        this.attached = true;
        this.start();
    }
    hostDisconnected() {
        this.attached = false;
        this.stop();
    }
    start() {
        const source = this.source;
        if (source === undefined || this.active)
            return;
        this.active = true;
        const generation = this.generation;
        source
            .subscribe((update) => {
            if (generation === this.generation)
                this.onUpdate(update);
        })
            .then((unsubscribe) => {
            if (generation === this.generation)
                this.unsubscribe = unsubscribe;
            else
                unsubscribe();
        }, (error) => {
            if (generation === this.generation)
                this.onError(error);
        });
    }
    stop() {
        this.generation += 1;
        this.active = false;
        const unsubscribe = this.unsubscribe;
        this.unsubscribe = undefined;
        unsubscribe?.();
    }
}

/** The confirmation sentence for an applied change ("redact for $.coords.lat"). */
function describeChange(action, localize, deviceName) {
    switch (action.kind) {
        case 'field_action':
            return localize('change.field', { action: localize(`action.${action.action}`), path: action.fieldPath });
        case 'category_action':
            return localize('change.category', { action: localize(`action.${action.action}`), category: localize(`category.${action.category}`) });
        case 'destination':
            return localize(`change.destination_${action.access}`, { host: action.host });
        case 'quarantine':
            return localize(action.quarantine ? 'change.quarantine' : 'change.release', { name: deviceName ?? action.deviceId });
        case 'lockdown':
            return localize('change.lockdown', {
                name: deviceName ?? action.deviceId,
                count: String(action.destinations.filter((d) => d.access === 'allow').length),
            });
    }
}

/**
 * Home Assistant's theme variables, with fallbacks for the standalone page (light, or dark when the
 * browser prefers it). Components read only the --pg-* names defined here.
 */
const themeStyles = i$3 `
  :host {
    --pg-text: var(--primary-text-color, #212121);
    --pg-text-secondary: var(--secondary-text-color, #5f6368);
    --pg-background: var(--ha-card-background, var(--card-background-color, #ffffff));
    --pg-divider: var(--divider-color, rgba(0, 0, 0, 0.12));
    --pg-primary: var(--primary-color, #03a9f4);
    --pg-on-primary: var(--text-primary-color, #ffffff);
    --pg-error: var(--error-color, #db4437);
    --pg-warning: var(--warning-color, #ffa600);
    --pg-success: var(--success-color, #43a047);
    --pg-radius: var(--ha-card-border-radius, 12px);
    --pg-chip-background: var(--secondary-background-color, rgba(127, 127, 127, 0.12));
    color: var(--pg-text);
    font-family: var(--ha-font-family-body, var(--paper-font-body1_-_font-family, system-ui, sans-serif));
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --pg-text: var(--primary-text-color, #e1e1e1);
      --pg-text-secondary: var(--secondary-text-color, #9e9e9e);
      --pg-background: var(--ha-card-background, var(--card-background-color, #1c1c1c));
      --pg-divider: var(--divider-color, rgba(225, 225, 225, 0.12));
    }
  }
  button {
    font: inherit;
    color: inherit;
    background: var(--pg-chip-background);
    border: 1px solid var(--pg-divider);
    border-radius: 999px;
    padding: 2px 10px;
    min-height: 28px;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--pg-primary);
  }
  button:focus-visible {
    outline: 2px solid var(--pg-primary);
    outline-offset: 2px;
  }
  button[aria-pressed='true'] {
    background: var(--pg-primary);
    color: var(--pg-on-primary);
    border-color: var(--pg-primary);
  }
  button[disabled] {
    cursor: progress;
    opacity: 0.6;
  }
  button.danger {
    color: var(--pg-error);
    border-color: var(--pg-error);
  }
  h3 {
    font-size: 1rem;
    font-weight: 500;
    margin: 16px 0 8px;
  }
  .secondary {
    color: var(--pg-text-secondary);
    font-size: 0.875rem;
  }
  .chip {
    display: inline-block;
    padding: 0 8px;
    border-radius: 999px;
    background: var(--pg-chip-background);
    font-size: 0.8125rem;
    line-height: 1.6;
  }
  .chip.bad {
    background: var(--pg-error);
    color: var(--pg-on-primary);
  }
  .chip.warn {
    background: var(--pg-warning);
    color: #000;
  }
  code {
    font-family: var(--ha-font-family-code, ui-monospace, monospace);
    font-size: 0.8125rem;
    overflow-wrap: anywhere;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
  }
  th,
  td {
    text-align: start;
    padding: 6px 4px;
    border-bottom: 1px solid var(--pg-divider);
    vertical-align: top;
  }
  th {
    color: var(--pg-text-secondary);
    font-weight: 500;
  }
  .banner {
    padding: 8px 12px;
    border-radius: 8px;
    border-inline-start: 4px solid var(--pg-warning);
    background: var(--pg-chip-background);
    margin-bottom: 12px;
  }
  .banner.error {
    border-color: var(--pg-error);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return `${value.toFixed(1)} ${units[unit] ?? 'TiB'}`;
}
function formatTime(epochMs, language, never) {
    if (epochMs === undefined)
        return never;
    return new Date(epochMs).toLocaleString(language);
}

/** The trust score's colour band: the same thresholds everywhere the score is shown. */
function scoreClass(score) {
    if (score >= 80)
        return 'good';
    if (score >= 50)
        return 'warn';
    return 'bad';
}
/** Devices ranked by exposure, each with its trust score and why; selecting one emits `device-selected`. */
class HouseholdOverview extends i {
    constructor() {
        super(...arguments);
        this.localize = (key) => key;
    }
    static { this.styles = [
        themeStyles,
        i$3 `
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li + li {
        border-top: 1px solid var(--pg-divider);
      }
      button.device {
        display: grid;
        grid-template-columns: 48px 1fr;
        gap: 12px;
        align-items: center;
        width: 100%;
        text-align: start;
        border: none;
        border-radius: 8px;
        background: none;
        padding: 8px 4px;
      }
      button.device:hover {
        background: var(--pg-chip-background);
      }
      .score {
        width: 44px;
        height: 44px;
        border-radius: 50%;
        display: grid;
        place-items: center;
        font-weight: 600;
        border: 3px solid var(--pg-success);
      }
      .score.warn {
        border-color: var(--pg-warning);
      }
      .score.bad {
        border-color: var(--pg-error);
      }
      .name {
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .facts {
        display: block;
      }
      .reason {
        display: block;
      }
    `,
    ]; }
    render() {
        const devices = this.household?.devices ?? [];
        if (devices.length === 0)
            return b `<p class="secondary">${this.localize('overview.empty')}</p>`;
        return b `<ol aria-label=${this.localize('overview.title')}>
      ${devices.map((device) => b `<li>${this.renderDevice(device)}</li>`)}
    </ol>`;
    }
    renderDevice(device) {
        const l = this.localize;
        const facts = [
            l('overview.violations_today', { count: device.violationsToday }),
            l('overview.destinations', { count: device.destinations }),
            l('overview.uploaded', { bytes: formatBytes(device.bytesUploaded) }),
        ].join(' · ');
        return b `<button
      type="button"
      class="device"
      data-device-id=${device.id}
      aria-label=${`${l('overview.open', { name: device.name })}, ${l('overview.trust_score', { score: device.trustScore })}`}
      @click=${() => this.select(device.id)}
    >
      <span class="score ${scoreClass(device.trustScore)}" aria-hidden="true">${device.trustScore}</span>
      <span>
        <span class="name">${device.name}</span>
        ${device.quarantined ? b ` <span class="chip bad">${l('overview.quarantined')}</span>` : A}
        <span class="secondary facts">${facts}</span>
        <span class="reasons secondary">
          ${device.reasons.length === 0
            ? b `<span class="reason">${l('overview.trusted')}</span>`
            : device.reasons.map((reason) => b `<span class="reason">${l(`reason.${reason.key}`, { count: reason.count, points: reason.points })}</span>`)}
        </span>
      </span>
    </button>`;
    }
    select(deviceId) {
        this.dispatchEvent(new CustomEvent('device-selected', { detail: { deviceId }, bubbles: true, composed: true }));
    }
}
__decorate([
    n({ attribute: false })
], HouseholdOverview.prototype, "household", void 0);
__decorate([
    n({ attribute: false })
], HouseholdOverview.prototype, "localize", void 0);
if (!customElements.get('pg-household-overview'))
    customElements.define('pg-household-overview', HouseholdOverview);

const LEARNING_DAYS = 7;
const ACCESSES = ['allow', 'block'];
/**
 * Learn, then lock: the allowlist the gateway proposes from what the device did while learning. The
 * owner may flip any destination before applying; one button emits a `lockdown` action carrying exactly
 * the reviewed list (allowed and blocked), which the view applies.
 */
class LockdownProposal extends i {
    constructor() {
        super(...arguments);
        this.deviceId = '';
        this.deviceName = '';
        this.localize = (key) => key;
        this.canEdit = false;
        this.busy = false;
        /** The owner's flips, by host; they survive a live refresh of the proposal. */
        this.choices = new Map();
    }
    static { this.styles = [
        themeStyles,
        i$3 `
      :host {
        display: block;
      }
      .scroll {
        overflow-x: auto;
      }
      .access {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        align-items: center;
      }
      .apply {
        margin-top: 8px;
      }
      .apply button {
        background: var(--pg-primary);
        color: var(--pg-on-primary);
        border-color: var(--pg-primary);
      }
    `,
    ]; }
    render() {
        const proposal = this.proposal;
        if (proposal === undefined)
            return A;
        const l = this.localize;
        const days = String(proposal.observedDays);
        const destinations = proposal.destinations.map((d) => ({ ...d, access: this.choices.get(d.host) ?? d.access }));
        const allowed = destinations.filter((d) => d.access === 'allow').length;
        return b `
      <p class="secondary" data-learning=${proposal.learningComplete ? 'complete' : 'learning'}>
        ${proposal.learningComplete
            ? l('lockdown.learned', { days })
            : l('lockdown.learning', { days, total: String(LEARNING_DAYS) })}
        ${this.mode === 'lockdown' ? b ` ${l('lockdown.already')}` : A}
      </p>
      ${proposal.destinations.length === 0
            ? b `<p class="secondary">${l('lockdown.nothing')}</p>`
            : b `<div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">${l('device.host')}</th>
                  <th scope="col">${l('device.requests')}</th>
                  <th scope="col">${l('lockdown.data')}</th>
                  <th scope="col">${l('lockdown.proposed')}</th>
                </tr>
              </thead>
              <tbody>
                ${proposal.destinations.map((d) => this.renderRow(d))}
              </tbody>
            </table>
          </div>`}
      ${this.canEdit
            ? b `<div class="apply">
            <button
              type="button"
              ?disabled=${this.busy}
              aria-busy=${this.busy ? 'true' : 'false'}
              aria-label=${l('lockdown.apply_label', { name: this.deviceName, count: String(allowed) })}
              @click=${() => this.apply(destinations)}
            >
              ${this.busy ? l('status.pending') : l('lockdown.apply', { count: String(allowed) })}
            </button>
          </div>`
            : A}
    `;
    }
    renderRow(destination) {
        const l = this.localize;
        const access = this.choices.get(destination.host) ?? destination.access;
        const owner = [
            destination.vendor,
            l(`device.party_${destination.party}`),
            destination.countries !== undefined && destination.countries.length > 0 ? destination.countries.join(', ') : undefined,
        ].filter((part) => part !== undefined);
        return b `<tr data-host=${destination.host}>
      <td>
        <code>${destination.host}</code>
        <div class="secondary" data-owner>${owner.join(' · ')}</div>
        ${destination.review ? b `<span class="chip warn">${l('lockdown.review')}</span>` : A}
        <div class="secondary">${destination.reason}</div>
      </td>
      <td>${destination.requests}</td>
      <td>${destination.categories.map((category) => l(`category.${category}`)).join(', ') || l('lockdown.no_data')}</td>
      <td>${this.renderAccess(destination, access)}</td>
    </tr>`;
    }
    renderAccess(destination, access) {
        const l = this.localize;
        const changed = access !== destination.access ? b `<span class="secondary">${l('lockdown.changed')}</span>` : A;
        if (!this.canEdit) {
            return b `<span class="chip ${access === 'block' ? 'bad' : ''}">${l(access === 'block' ? 'device.blocked' : 'device.allowed')}</span>`;
        }
        return b `<span class="access" role="group" aria-label=${l('lockdown.access_label', { host: destination.host })}>
      ${ACCESSES.map((option) => b `<button
          type="button"
          data-access=${option}
          aria-pressed=${option === access ? 'true' : 'false'}
          ?disabled=${this.busy}
          @click=${() => this.choose(destination, option)}
        >
          ${l(`action.${option}`)}
        </button>`)}
      ${changed}
    </span>`;
    }
    choose(destination, access) {
        const choices = new Map(this.choices);
        if (access === destination.access)
            choices.delete(destination.host);
        else
            choices.set(destination.host, access);
        this.choices = choices;
    }
    apply(destinations) {
        if (this.busy)
            return;
        const action = {
            kind: 'lockdown',
            deviceId: this.deviceId,
            destinations: destinations.map((d) => ({ host: d.host, vendor: d.vendor, access: d.access })),
        };
        this.dispatchEvent(new CustomEvent('privacy-action', { detail: { action }, bubbles: true, composed: true }));
    }
}
__decorate([
    n({ attribute: false })
], LockdownProposal.prototype, "proposal", void 0);
__decorate([
    n()
], LockdownProposal.prototype, "deviceId", void 0);
__decorate([
    n()
], LockdownProposal.prototype, "deviceName", void 0);
__decorate([
    n()
], LockdownProposal.prototype, "mode", void 0);
__decorate([
    n({ attribute: false })
], LockdownProposal.prototype, "localize", void 0);
__decorate([
    n({ type: Boolean })
], LockdownProposal.prototype, "canEdit", void 0);
__decorate([
    n({ type: Boolean })
], LockdownProposal.prototype, "busy", void 0);
__decorate([
    r()
], LockdownProposal.prototype, "choices", void 0);
if (!customElements.get('pg-lockdown-proposal'))
    customElements.define('pg-lockdown-proposal', LockdownProposal);

/** `42 s`, `5 min`, `3 h`, `2 d`: how long an entity has been in its state. */
function formatAge(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    if (seconds < 60)
        return `${seconds} s`;
    if (seconds < 3600)
        return `${Math.round(seconds / 60)} min`;
    if (seconds < 86_400)
        return `${Math.round(seconds / 3600)} h`;
    return `${Math.round(seconds / 86_400)} d`;
}
/**
 * Rules that follow the home: each conditioned rule, destination or mode with its condition, whether it
 * applies now, the state and its age, and whether that state is only the last known one.
 */
class ConditionedRules extends i {
    constructor() {
        super(...arguments);
        this.rules = [];
        this.localize = (key) => key;
    }
    static { this.styles = [
        themeStyles,
        i$3 `
      ul {
        margin: 0;
        padding-inline-start: 18px;
      }
      .applies {
        font-weight: 500;
      }
    `,
    ]; }
    render() {
        if (this.rules.length === 0)
            return A;
        const l = this.localize;
        return b `<ul>
      ${this.rules.map((rule) => b `<li data-testid="conditioned-rule">
          <code>${rule.guards === 'mode' ? l('conditions.mode', { mode: rule.subject }) : rule.subject}</code>
          ${l('conditions.while', { test: rule.test })} —
          <span class=${rule.applies ? 'applies' : 'secondary'}>${l(rule.applies ? 'conditions.applies' : 'conditions.not_now')}</span>
          <span class="secondary">(${this.describeState(rule)})</span>
        </li>`)}
    </ul>`;
    }
    describeState(rule) {
        const l = this.localize;
        if (rule.assumed)
            return l(rule.state === undefined ? 'conditions.never_seen' : 'conditions.no_information', { state: rule.state ?? '' });
        const age = rule.since === undefined || this.now === undefined ? '' : ` ${l('conditions.for', { age: formatAge(this.now - rule.since) })}`;
        const stale = rule.stale === undefined ? '' : `, ${l(rule.stale === 'ha-away' ? 'conditions.ha_away' : 'conditions.gateway_away')}`;
        return `${l('conditions.state', { state: rule.state ?? '' })}${age}${stale}`;
    }
}
__decorate([
    n({ attribute: false })
], ConditionedRules.prototype, "rules", void 0);
__decorate([
    n({ attribute: false })
], ConditionedRules.prototype, "localize", void 0);
__decorate([
    n({ attribute: false })
], ConditionedRules.prototype, "now", void 0);
if (!customElements.get('pg-conditioned-rules'))
    customElements.define('pg-conditioned-rules', ConditionedRules);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 24 hourly or 7 daily buckets ending at `now`, oldest first; events outside the range are ignored. */
function bucketize(times, range, now) {
    const size = range === '24h' ? HOUR : DAY;
    const slots = range === '24h' ? 24 : 7;
    const end = range === '24h' ? Math.floor(now / HOUR) * HOUR + HOUR : startOfNextDay(now);
    const buckets = Array.from({ length: slots }, (_, index) => ({ start: end - (slots - index) * size, count: 0 }));
    for (const time of times) {
        const index = Math.floor((time - (end - slots * size)) / size);
        const bucket = buckets[index];
        if (bucket !== undefined)
            bucket.count += 1;
    }
    return buckets;
}
function startOfNextDay(now) {
    const day = new Date(now);
    day.setHours(24, 0, 0, 0);
    return day.getTime();
}
/** A bar per hour or day; the SVG is decorative for screen readers, which get the summary and titles. */
class ViolationsTimeline extends i {
    constructor() {
        super(...arguments);
        this.times = [];
        this.range = '24h';
        this.localize = (key) => key;
    }
    static { this.styles = [
        themeStyles,
        i$3 `
      svg {
        width: 100%;
        height: 64px;
        display: block;
      }
      rect.bar {
        fill: var(--pg-error);
      }
      rect.empty {
        fill: var(--pg-divider);
      }
      .range {
        display: flex;
        gap: 6px;
        align-items: center;
        flex-wrap: wrap;
      }
    `,
    ]; }
    render() {
        const buckets = bucketize(this.times, this.range, this.now ?? Date.now());
        const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
        const max = Math.max(1, ...buckets.map((bucket) => bucket.count));
        const width = 100 / buckets.length;
        const rangeLabel = this.localize(`device.range_${this.range}`);
        return b `
      <div class="range" role="group" aria-label=${this.localize('device.timeline')}>
        ${['24h', '7d'].map((range) => b `<button
            type="button"
            aria-pressed=${range === this.range ? 'true' : 'false'}
            @click=${() => this.select(range)}
          >
            ${this.localize(`device.range_${range}`)}
          </button>`)}
        <span class="secondary" data-testid="timeline-summary">
          ${this.localize('device.timeline_summary', { count: total, range: rangeLabel })}
        </span>
      </div>
      <svg viewBox="0 0 100 40" preserveAspectRatio="none" aria-hidden="true">
        ${buckets.map((bucket, index) => {
            const height = bucket.count === 0 ? 1 : Math.max(3, (bucket.count / max) * 38);
            return w `<rect class=${bucket.count === 0 ? 'empty' : 'bar'} x=${index * width + width * 0.1} y=${40 - height}
            width=${width * 0.8} height=${height}><title>${this.localize('device.bar', {
                label: this.bucketLabel(bucket.start),
                count: bucket.count,
            })}</title></rect>`;
        })}
      </svg>
    `;
    }
    bucketLabel(start) {
        const date = new Date(start);
        return this.range === '24h'
            ? date.toLocaleTimeString(this.language, { hour: '2-digit', minute: '2-digit' })
            : date.toLocaleDateString(this.language, { weekday: 'short', day: 'numeric' });
    }
    select(range) {
        this.dispatchEvent(new CustomEvent('range-changed', { detail: { range }, bubbles: true, composed: true }));
    }
}
__decorate([
    n({ attribute: false })
], ViolationsTimeline.prototype, "times", void 0);
__decorate([
    n()
], ViolationsTimeline.prototype, "range", void 0);
__decorate([
    n({ attribute: false })
], ViolationsTimeline.prototype, "now", void 0);
__decorate([
    n({ attribute: false })
], ViolationsTimeline.prototype, "localize", void 0);
__decorate([
    n()
], ViolationsTimeline.prototype, "language", void 0);
if (!customElements.get('pg-violations-timeline'))
    customElements.define('pg-violations-timeline', ViolationsTimeline);

/**
 * A device's DNS names (and how the gateway answered each), its MQTT topics, and the "uses its own DNS"
 * warning. Read-only: it renders what it is given.
 */
class DeviceNetwork extends i {
    constructor() {
        super(...arguments);
        this.localize = (key) => key;
    }
    static { this.styles = [
        themeStyles,
        i$3 `
      :host {
        display: block;
      }
      .own-dns {
        border-inline-start: 4px solid var(--pg-error);
        padding: 4px 8px;
        margin-block: 8px;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 2px 6px 2px 0;
        vertical-align: top;
        overflow-wrap: anywhere;
      }
    `,
    ]; }
    render() {
        const network = this.network;
        if (network === undefined)
            return A;
        const l = this.localize;
        return b `
      ${this.renderOwnDns(network)}
      <section aria-label=${l('network.names')}>
        <h3>${l('network.names')}</h3>
        ${this.renderNames(network.dnsNames)}
      </section>
      <section aria-label=${l('network.topics')}>
        <h3>${l('network.topics')}</h3>
        ${this.renderTopics(network)}
      </section>
    `;
    }
    renderOwnDns(network) {
        if (network.ownDns.length === 0)
            return A;
        const l = this.localize;
        return b `<div class="own-dns" role="alert" data-testid="own-dns">
      <strong>${l('network.own_dns')}</strong>
      <ul class="plain">
        ${network.ownDns.map((sign) => b `<li>
            ${l(`network.signal.${sign.signal}`)}: <code>${sign.port === undefined ? sign.host : `${sign.host}:${sign.port}`}</code>
            <span class="secondary">
              ${sign.count === undefined ? '' : l('network.times', { count: sign.count })}
              ${formatTime(sign.lastSeen, this.language, '')}</span
            >
          </li>`)}
      </ul>
    </div>`;
    }
    renderNames(names) {
        const l = this.localize;
        if (names === undefined)
            return b `<p class="secondary">${l('network.names_unknown')}</p>`;
        if (names.length === 0)
            return b `<p class="secondary">${l('network.no_names')}</p>`;
        return b `<table data-testid="dns-names">
      <tr>
        <th>${l('network.name')}</th>
        <th>${l('network.lookups')}</th>
        <th>${l('network.answered')}</th>
        <th>${l('device.last_seen_column')}</th>
      </tr>
      ${names.map((name) => b `<tr>
          <td><code>${name.name}</code></td>
          <td>${name.queries}</td>
          <td>${this.answered(name)}</td>
          <td>${formatTime(name.lastSeen, this.language, '-')}</td>
        </tr>`)}
    </table>`;
    }
    /** "steered 3, truthful 1": every way the name was answered, last answer first. */
    answered(name) {
        const l = this.localize;
        const counts = { steered: name.steered, truthful: name.truthful, sinkholed: name.sinkholed, failed: 0 };
        const order = [name.lastAnswer, ...['steered', 'truthful', 'sinkholed'].filter((a) => a !== name.lastAnswer)];
        return order
            .filter((answer) => counts[answer] > 0 || answer === name.lastAnswer)
            .map((answer) => `${l(`network.answer.${answer}`)} ${counts[answer] || ''}`.trim())
            .join(', ');
    }
    renderTopics(network) {
        const l = this.localize;
        const topics = network.mqttTopics;
        if (topics === undefined)
            return b `<p class="secondary">${l('network.topics_unknown')}</p>`;
        if (topics.length === 0)
            return b `<p class="secondary">${l('network.no_topics')}</p>`;
        return b `<p class="secondary">${l('network.templated')}</p>
      <table data-testid="mqtt-topics">
        <tr>
          <th>${l('network.topic')}</th>
          <th>${l('network.direction')}</th>
          <th>${l('network.messages')}</th>
          <th>${l('device.last_seen_column')}</th>
        </tr>
        ${topics.map((topic) => b `<tr>
            <td><code>${topic.host}${topic.topic}</code></td>
            <td>${l(`network.${topic.direction}`)}</td>
            <td>${topic.messages}${topic.blocked > 0 ? ` (${l('network.blocked', { count: topic.blocked })})` : ''}</td>
            <td>${formatTime(topic.lastSeen, this.language, '-')}</td>
          </tr>`)}
      </table>`;
    }
}
__decorate([
    n({ attribute: false })
], DeviceNetwork.prototype, "network", void 0);
__decorate([
    n({ attribute: false })
], DeviceNetwork.prototype, "localize", void 0);
__decorate([
    n()
], DeviceNetwork.prototype, "language", void 0);
if (!customElements.get('pg-device-network'))
    customElements.define('pg-device-network', DeviceNetwork);

function hasTraffic(device) {
    return (device.lastSeen !== undefined ||
        device.destinations.some((destination) => destination.lastSeen !== undefined || (destination.requests ?? 0) > 0) ||
        device.categories.some((group) => group.fields.length > 0) ||
        device.violations.length > 0);
}
/**
 * One device: where it sends data, what data, what the policy does to it, and the owner's one-click
 * changes. It renders what it is given and emits `privacy-action` / `export-report`; the view applies them.
 */
class DeviceView extends i {
    constructor() {
        super(...arguments);
        this.localize = (key) => key;
        this.canEdit = false;
        /** Subjects (see `actionSubject`) of changes sent but not yet confirmed. */
        this.pending = new Set();
        this.range = '24h';
        this.emitExport = () => {
            const deviceId = this.device?.id;
            if (deviceId === undefined)
                return;
            this.dispatchEvent(new CustomEvent('export-report', { detail: { deviceId }, bubbles: true, composed: true }));
        };
    }
    static { this.styles = [
        themeStyles,
        i$3 `
      :host {
        display: block;
        container-type: inline-size;
      }
      @container (max-width: 560px) {
        .wide {
          display: none;
        }
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: center;
      }
      .name {
        font-size: 1.125rem;
        font-weight: 500;
        overflow-wrap: anywhere;
        flex: 1 1 12rem;
      }
      .score.good {
        background: var(--pg-success);
        color: var(--pg-on-primary);
      }
      .score.warn {
        background: var(--pg-warning);
        color: #000;
      }
      .score.bad {
        background: var(--pg-error);
        color: var(--pg-on-primary);
      }
      .actions {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
      }
      .scroll {
        overflow-x: auto;
      }
      .group-head {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 12px;
        align-items: center;
        margin: 12px 0 4px;
        font-weight: 500;
      }
      ul.plain {
        margin: 0;
        padding-inline-start: 18px;
      }
    `,
    ]; }
    render() {
        const device = this.device;
        if (device === undefined)
            return A;
        const l = this.localize;
        return b `
      ${this.renderHeader(device)}
      ${device.conditions === undefined
            ? A
            : b `<section aria-label=${l('device.conditions')}>
            <h3>${l('device.conditions')}</h3>
            <pg-conditioned-rules .rules=${device.conditions} .localize=${l} .now=${this.now ?? Date.now()}></pg-conditioned-rules>
          </section>`}
      ${hasTraffic(device)
            ? b `
            ${device.lockdownProposal === undefined
                ? A
                : b `<section aria-label=${l('lockdown.title')}>
                  <h3>${l('lockdown.title')}</h3>
                  <pg-lockdown-proposal
                    .proposal=${device.lockdownProposal}
                    .deviceId=${device.id}
                    .deviceName=${device.name}
                    .mode=${device.mode}
                    .localize=${l}
                    .canEdit=${this.canEdit}
                    .busy=${this.pending.has('lockdown')}
                  ></pg-lockdown-proposal>
                </section>`}
            <section aria-label=${l('device.destinations')}>
              <h3>${l('device.destinations')}</h3>
              ${this.renderDestinations(device)}
            </section>
            <section aria-label=${l('device.fields')}>
              <h3>${l('device.fields')}</h3>
              ${device.categories.length === 0
                ? b `<p class="secondary">${l('device.no_fields')}</p>`
                : device.categories.map((group) => this.renderGroup(device, group))}
            </section>
            <section aria-label=${l('device.timeline')}>
              <h3>${l('device.timeline')}</h3>
              <pg-violations-timeline
                .times=${device.violations.map((event) => event.at)}
                .range=${this.range}
                .now=${this.now}
                .localize=${l}
                .language=${this.language}
              ></pg-violations-timeline>
            </section>
            <section aria-label=${l('device.opaque')}>
              <h3>${l('device.opaque')}</h3>
              ${this.renderOpaque(device)}
            </section>
          `
            : b `<p class="secondary" data-testid="no-traffic">${l('device.no_traffic')}</p>`}
      <pg-device-network .network=${device.network} .localize=${l} .language=${this.language}></pg-device-network>
    `;
    }
    renderHeader(device) {
        const l = this.localize;
        const quarantineBusy = this.pending.has('quarantine');
        return b `<header>
        <span class="name">${device.name}</span>
        ${device.trustScore === undefined
            ? A
            : b `<span class="chip score ${scoreClass(device.trustScore)}">${l('overview.trust_score', { score: device.trustScore })}</span>`}
        ${device.quarantined ? b `<span class="chip bad">${l('overview.quarantined')}</span>` : A}
        ${device.mode ? b `<span class="chip">${l('device.mode', { mode: device.mode })}</span>` : A}
      </header>
      <p class="secondary">
        ${l('device.last_seen', { time: formatTime(device.lastSeen, this.language, l('card.never')) })}
        ${device.reasons.map((reason) => b ` · ${l(`reason.${reason.key}`, { count: reason.count, points: reason.points })}`)}
      </p>
      <div class="actions">
        ${this.canEdit
            ? b `<button
              type="button"
              class=${device.quarantined ? '' : 'danger'}
              ?disabled=${quarantineBusy}
              aria-busy=${quarantineBusy ? 'true' : 'false'}
              aria-label=${l(device.quarantined ? 'device.release_label' : 'device.quarantine_label', { name: device.name })}
              @click=${() => this.emitAction({ kind: 'quarantine', deviceId: device.id, quarantine: !device.quarantined })}
            >
              ${quarantineBusy ? l('status.pending') : l(device.quarantined ? 'device.release' : 'device.quarantine')}
            </button>`
            : A}
        <button type="button" aria-label=${l('device.export_label', { name: device.name })} @click=${this.emitExport}>
          ${l('device.export')}
        </button>
      </div>`;
    }
    renderDestinations(device) {
        const l = this.localize;
        if (device.destinations.length === 0)
            return b `<p class="secondary">${l('device.no_destinations')}</p>`;
        const never = l('card.unknown');
        return b `<div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">${l('device.host')}</th>
            <th scope="col">${l('device.inspection')}</th>
            <th scope="col">${l('device.access')}</th>
            <th scope="col" class="wide">${l('device.first_seen')}</th>
            <th scope="col" class="wide">${l('device.last_seen_column')}</th>
          </tr>
        </thead>
        <tbody>
          ${device.destinations.map((destination) => b `<tr data-host=${destination.host}>
              <td>
                <code>${destination.host}</code>
                ${this.renderOwner(destination)}
              </td>
              <td>${destination.inspectable === undefined ? never : l(destination.inspectable ? 'device.inspectable' : 'device.not_inspectable')}</td>
              <td>${this.renderAccess(device, destination)}</td>
              <td class="wide">${formatTime(destination.firstSeen, this.language, never)}</td>
              <td class="wide">${formatTime(destination.lastSeen, this.language, never)}</td>
            </tr>`)}
        </tbody>
      </table>
    </div>`;
    }
    /** Vendor, party and countries under the host: "TP-Link · first party · DE, NL". */
    renderOwner(destination) {
        const l = this.localize;
        const parts = [
            destination.vendor,
            destination.party === undefined ? undefined : l(`device.party_${destination.party}`),
            destination.countries !== undefined && destination.countries.length > 0 ? destination.countries.join(', ') : undefined,
        ].filter((part) => part !== undefined);
        return parts.length === 0 ? A : b `<div class="secondary" data-owner>${parts.join(' · ')}</div>`;
    }
    renderAccess(device, destination) {
        const l = this.localize;
        const state = b `<span class="chip ${destination.access === 'block' ? 'bad' : ''}">
        ${l(destination.access === 'block' ? 'device.blocked' : 'device.allowed')}</span
      >${destination.explicit ? A : b ` <span class="secondary">${l('device.by_default')}</span>`}`;
        if (!this.canEdit)
            return state;
        const target = destination.access === 'block' ? 'allow' : 'block';
        const busy = this.pending.has(`destination:${destination.host}`);
        return b `${state}
      <button
        type="button"
        ?disabled=${busy}
        aria-busy=${busy ? 'true' : 'false'}
        aria-label=${l(`device.${target}_destination`, { host: destination.host })}
        @click=${() => this.emitAction({ kind: 'destination', deviceId: device.id, host: destination.host, access: target, vendor: destination.vendor })}
      >
        ${busy ? l('status.pending') : l(target === 'block' ? 'action.block' : 'action.allow')}
      </button>`;
    }
    renderGroup(device, group) {
        const l = this.localize;
        const label = l(`category.${group.category ?? 'none'}`);
        const category = group.category;
        return b `<div class="group" data-category=${category ?? 'none'}>
      <div class="group-head">
        <span>${label}</span>
        ${category === undefined
            ? A
            : this.renderActions(`category:${category}`, group.action, l('device.category_action', { category: label }), (action) => ({
                kind: 'category_action',
                deviceId: device.id,
                category,
                action,
            }))}
      </div>
      ${group.fields.length === 0
            ? A
            : b `<div class="scroll">
            <table>
              <tbody>
                ${group.fields.map((field) => this.renderField(device, field))}
              </tbody>
            </table>
          </div>`}
    </div>`;
    }
    renderField(device, field) {
        const l = this.localize;
        return b `<tr data-path=${field.path}>
      <td>
        <code>${field.path}</code>
        ${field.opaque ? b ` <span class="chip warn">${l('device.opaque_mark')}</span>` : A}
        ${field.host ? b `<div class="secondary">${field.host}</div>` : A}
        ${field.why ? b `<div class="secondary why" title=${l('device.decided_by')}>${l('device.decided_by')}: ${field.why}</div>` : A}
      </td>
      <td>
        ${this.renderActions(`field:${field.path}`, field.action, l('device.field_action', { path: field.path }), (action) => ({
            kind: 'field_action',
            deviceId: device.id,
            fieldPath: field.path,
            action,
        }))}
        ${field.applied || field.action === 'allow' ? A : b `<div class="secondary">${l('device.not_applied')}</div>`}
      </td>
      <td class="secondary">${field.count === undefined ? A : l('device.seen_times', { count: field.count })}</td>
    </tr>`;
    }
    /** The five actions as pressed/unpressed buttons, or the action in force as text for viewers. */
    renderActions(subject, current, label, make) {
        const l = this.localize;
        if (!this.canEdit)
            return current === undefined ? b `` : b `<span class="chip">${l(`action.${current}`)}</span>`;
        const busy = this.pending.has(subject);
        return b `<span class="actions" role="group" aria-label=${label} aria-busy=${busy ? 'true' : 'false'}>
      ${FIELD_ACTIONS.map((action) => b `<button
          type="button"
          data-action=${action}
          aria-pressed=${action === current ? 'true' : 'false'}
          ?disabled=${busy}
          @click=${() => {
            if (action !== current)
                this.emitAction(make(action));
        }}
        >
          ${l(`action.${action}`)}
        </button>`)}
      ${busy ? b `<span class="secondary">${l('status.pending')}</span>` : A}
    </span>`;
    }
    renderOpaque(device) {
        const l = this.localize;
        if (device.opaque.length === 0)
            return b `<p class="secondary">${l('device.no_opaque')}</p>`;
        return b `<ul class="plain">
      ${device.opaque.map((payload) => b `<li>
          <code>${payload.host}${payload.fieldPath ? ` ${payload.fieldPath}` : ''}</code>
          ${payload.explanation ? b `<span class="secondary"> — ${payload.explanation}</span>` : A}
        </li>`)}
    </ul>`;
    }
    emitAction(action) {
        if (this.pending.has(actionSubject(action)))
            return;
        this.dispatchEvent(new CustomEvent('privacy-action', { detail: { action }, bubbles: true, composed: true }));
    }
}
__decorate([
    n({ attribute: false })
], DeviceView.prototype, "device", void 0);
__decorate([
    n({ attribute: false })
], DeviceView.prototype, "localize", void 0);
__decorate([
    n()
], DeviceView.prototype, "language", void 0);
__decorate([
    n({ type: Boolean })
], DeviceView.prototype, "canEdit", void 0);
__decorate([
    n({ attribute: false })
], DeviceView.prototype, "pending", void 0);
__decorate([
    n()
], DeviceView.prototype, "range", void 0);
__decorate([
    n({ attribute: false })
], DeviceView.prototype, "now", void 0);
if (!customElements.get('pg-device-view'))
    customElements.define('pg-device-view', DeviceView);

/** Live updates arrive in bursts (a report batch); one refetch answers a burst. */
const REFRESH_DELAY_MS = 250;
/**
 * The card's content, shared by the dashboard card, the sidebar panel and the sidecar's local page:
 * it loads from its data source, follows the live subscription, and applies the owner's actions.
 */
class PrivacyGatewayView extends i {
    constructor() {
        super(...arguments);
        this.range = '24h';
        this.pending = new Set();
        this.localize = createLocalize(undefined);
        this.subscription = new SubscriptionController(this, (update) => this.onLiveUpdate(update), (error) => this.showError(error));
    }
    static { this.styles = [
        themeStyles,
        i$3 `
      :host {
        display: block;
      }
      .toolbar {
        display: flex;
        gap: 8px;
        align-items: center;
        margin-bottom: 8px;
      }
      .status {
        min-height: 1.25em;
        margin-top: 8px;
      }
      .status.failed {
        color: var(--pg-error);
      }
    `,
    ]; }
    /** The device shown: the pinned one, or the one picked in the household. */
    get currentDeviceId() {
        return this.deviceId ?? this.selectedId;
    }
    disconnectedCallback() {
        super.disconnectedCallback();
        clearTimeout(this.refreshTimer);
    }
    willUpdate(changed) {
        if (changed.has('language'))
            this.localize = createLocalize(this.language);
        if (changed.has('source')) {
            this.subscription.setSource(this.source);
            this.household = undefined;
            this.device = undefined;
        }
        if (changed.has('source') || changed.has('deviceId'))
            void this.reload();
    }
    render() {
        const l = this.localize;
        const source = this.source;
        const deviceId = this.currentDeviceId;
        const loading = deviceId === undefined ? this.household === undefined : this.device?.id !== deviceId;
        return b `
      ${this.connected === false ? b `<p class="banner" role="alert">${l('card.sidecar_disconnected')}</p>` : A}
      ${this.error ? this.renderError(this.error) : A}
      ${source !== undefined && !source.canEdit && deviceId !== undefined ? b `<p class="secondary">${l('card.read_only')}</p>` : A}
      ${this.renderToolbar(source, deviceId)}
      ${loading && !this.error ? b `<p class="secondary">${l('card.loading')}</p>` : A}
      ${deviceId === undefined
            ? b `<pg-household-overview
            .household=${this.household}
            .localize=${l}
            @device-selected=${(event) => this.select(event.detail.deviceId)}
          ></pg-household-overview>`
            : b `<pg-device-view
            .device=${this.device?.id === deviceId ? this.device : undefined}
            .localize=${l}
            .language=${this.language}
            .canEdit=${source?.canEdit ?? false}
            .pending=${this.pending}
            .range=${this.range}
            @privacy-action=${(event) => void this.apply(event.detail.action)}
            @export-report=${(event) => void this.exportReport(event.detail.deviceId)}
            @range-changed=${(event) => (this.range = event.detail.range)}
          ></pg-device-view>`}
      <p class="status ${this.status?.failed ? 'failed' : ''}" role="status" aria-live="polite">${this.status?.text ?? ''}</p>
    `;
    }
    renderToolbar(source, deviceId) {
        const l = this.localize;
        const back = this.deviceId === undefined && deviceId !== undefined;
        const refresh = source !== undefined && !source.live;
        if (!back && !refresh)
            return A;
        return b `<div class="toolbar">
      ${back ? b `<button type="button" class="back" @click=${() => this.select(undefined)}>← ${l('device.back')}</button>` : A}
      ${refresh ? b `<button type="button" class="refresh" @click=${() => void this.reload()}>${l('card.refresh')}</button>` : A}
    </div>`;
    }
    renderError(error) {
        const l = this.localize;
        const text = error.code === 'not_loaded' ? l('card.not_loaded') : l('card.error', { message: error.message });
        return b `<div class="banner error" role="alert">
      <span>${text}</span>
      <button type="button" @click=${() => void this.reload()}>${l('card.refresh')}</button>
    </div>`;
    }
    /** Keyboard users land on the way back when a device opens (the button they pressed is gone). */
    select(deviceId) {
        this.selectedId = deviceId;
        this.status = undefined;
        void this.reload();
        void this.updateComplete.then(() => {
            if (deviceId !== undefined)
                this.renderRoot.querySelector('button.back')?.focus();
        });
    }
    /** Loads what is shown now; an answer for something no longer shown is dropped. */
    async reload() {
        const source = this.source;
        if (source === undefined)
            return;
        const deviceId = this.currentDeviceId;
        try {
            if (deviceId === undefined) {
                const household = await source.household();
                if (source !== this.source || this.currentDeviceId !== undefined)
                    return;
                this.household = household;
                this.connected = household.connected;
            }
            else {
                const device = await source.device(deviceId);
                if (source !== this.source || this.currentDeviceId !== deviceId)
                    return;
                this.device = device;
                this.connected = device.connected;
            }
            this.error = undefined;
        }
        catch (error) {
            if (source === this.source)
                this.showError(error);
        }
    }
    showError(error) {
        const { code, message } = asDataSourceError(error);
        this.error = { code, message };
    }
    onLiveUpdate(update) {
        if (update.kind === 'sidecar')
            this.connected = update.connected;
        const deviceId = this.currentDeviceId;
        const concernsShown = update.kind === 'sidecar' ||
            update.kind === 'policy' ||
            deviceId === undefined ||
            update.deviceId === deviceId;
        if (!concernsShown)
            return;
        clearTimeout(this.refreshTimer);
        this.refreshTimer = setTimeout(() => void this.reload(), REFRESH_DELAY_MS);
    }
    /** Pending until the gateway accepted the change and the refetched view shows it. */
    async apply(action) {
        const source = this.source;
        if (source === undefined || !source.canEdit)
            return;
        const subject = actionSubject(action);
        this.pending = new Set([...this.pending, subject]);
        this.status = { text: this.localize('status.pending'), failed: false };
        try {
            await source.apply(action);
            await this.reload();
            this.status = { text: this.localize('status.applied', { change: describeChange(action, this.localize, this.device?.name) }), failed: false };
        }
        catch (error) {
            this.status = { text: this.localize('status.failed', { message: asDataSourceError(error).message }), failed: true };
        }
        finally {
            const rest = new Set(this.pending);
            rest.delete(subject);
            this.pending = rest;
        }
    }
    async exportReport(deviceId) {
        const source = this.source;
        if (source === undefined)
            return;
        try {
            const report = await source.exportReport(deviceId);
            const url = URL.createObjectURL(new Blob([report.content], { type: report.mimeType }));
            const link = document.createElement('a');
            link.href = url;
            link.download = report.fileName;
            link.click();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
            this.status = { text: this.localize('status.exported', { file: report.fileName }), failed: false };
        }
        catch (error) {
            this.status = { text: this.localize('status.failed', { message: asDataSourceError(error).message }), failed: true };
        }
    }
}
__decorate([
    n({ attribute: false })
], PrivacyGatewayView.prototype, "source", void 0);
__decorate([
    n()
], PrivacyGatewayView.prototype, "deviceId", void 0);
__decorate([
    n()
], PrivacyGatewayView.prototype, "language", void 0);
__decorate([
    n()
], PrivacyGatewayView.prototype, "range", void 0);
__decorate([
    r()
], PrivacyGatewayView.prototype, "household", void 0);
__decorate([
    r()
], PrivacyGatewayView.prototype, "device", void 0);
__decorate([
    r()
], PrivacyGatewayView.prototype, "selectedId", void 0);
__decorate([
    r()
], PrivacyGatewayView.prototype, "connected", void 0);
__decorate([
    r()
], PrivacyGatewayView.prototype, "error", void 0);
__decorate([
    r()
], PrivacyGatewayView.prototype, "pending", void 0);
__decorate([
    r()
], PrivacyGatewayView.prototype, "status", void 0);
if (!customElements.get('privacy-gateway-view'))
    customElements.define('privacy-gateway-view', PrivacyGatewayView);

function hassLanguage(hass) {
    return hass?.locale?.language ?? hass?.language;
}
/**
 * Whether a new `hass` matters to the card. Home Assistant hands every card a new object on every state
 * change in the house; the card only depends on the connection, the user, the language and the theme.
 */
function hassChangeMatters(previous, next) {
    if (previous === undefined || next === undefined)
        return previous !== next;
    return (previous.connection !== next.connection ||
        previous.connected !== next.connected ||
        previous.user?.id !== next.user?.id ||
        previous.user?.is_admin !== next.user?.is_admin ||
        hassLanguage(previous) !== hassLanguage(next) ||
        previous.themes !== next.themes ||
        previous.selectedTheme !== next.selectedTheme);
}

const DNS_ANSWERS = ['steered', 'truthful', 'sinkholed', 'failed'];
function asDnsAnswer(value) {
    return DNS_ANSWERS.find((answer) => answer === value) ?? 'truthful';
}

/**
 * device_report's `dns_names` and `mqtt_topics` (docs/HUB_PROTOCOL.md). A list that does not parse, or
 * an integration that does not send it, leaves it unknown.
 */
const HaNetworkSchema = object({
    dns_names: _catch(optional(array(object({
        name: string(),
        queries: count,
        steered: count,
        truthful: count,
        sinkholed: count,
        last_answer: _catch(string(), 'truthful'),
        last_seen: isoTime,
    }))), undefined),
    mqtt_topics: _catch(optional(array(object({
        host: string(),
        topic: string(),
        direction: _enum(['published', 'received']),
        messages: count,
        blocked: count,
        last_seen: isoTime,
    }))), undefined),
});
/** The page's `network` (the sidecar's ledger) in the card's terms: everything is known there. */
function networkFromPage(network) {
    return {
        dnsNames: network.dns.names.map((name) => ({
            name: name.name,
            queries: name.queries,
            steered: name.steered,
            truthful: name.truthful,
            sinkholed: name.sinkholed,
            lastAnswer: asDnsAnswer(name.lastAnswer),
            lastSeen: name.lastSeen,
        })),
        mqttTopics: network.mqtt.topics.map((topic) => ({ ...topic })),
        ownDns: network.dns.ownDns.map((finding) => ({
            signal: finding.kind,
            host: finding.host,
            port: finding.port ?? undefined,
            count: undefined,
            lastSeen: finding.lastSeen,
        })),
    };
}
/**
 * What Home Assistant knows: the "uses its own DNS" evidence (the integration's device figures) and,
 * from the device report's answer, the names and topics the sidecar reported (unknown when absent).
 */
function networkFromHa(stats, answer) {
    const ownDns = Object.values(stats.own_dns)
        .map((sign) => ({ signal: sign.signal, host: sign.host, port: sign.port ?? undefined, count: sign.count, lastSeen: sign.last_seen }))
        .sort((a, b) => (b.lastSeen ?? 0) - (a.lastSeen ?? 0));
    const parsed = HaNetworkSchema.safeParse(answer);
    const lists = parsed.success ? parsed.data : { dns_names: undefined, mqtt_topics: undefined };
    const newestFirst = (rows) => rows.sort((a, b) => (b.lastSeen ?? 0) - (a.lastSeen ?? 0));
    return {
        dnsNames: lists.dns_names && newestFirst(lists.dns_names.map((name) => ({ ...name, lastAnswer: asDnsAnswer(name.last_answer), lastSeen: name.last_seen }))),
        mqttTopics: lists.mqtt_topics && newestFirst(lists.mqtt_topics.map((topic) => ({ ...topic, lastSeen: topic.last_seen }))),
        ownDns,
    };
}

/**
 * device_report's `lockdown_proposal` (docs/HUB_PROTOCOL.md): the allowlist the sidecar proposes from
 * what the device did while learning. Parsed apart from the rest of the answer: a proposal that does not
 * parse is not shown (the card never offers to lock a device down to a list it could not read).
 */
const ProposalSchema = object({
    lockdown_proposal: nullish(object({
        observed_days: int().check(_nonnegative()),
        learning_complete: boolean(),
        destinations: array(object({
            host: string().check(_minLength(1)),
            vendor: nullish(string()),
            party: string(),
            countries: _catch(array(string()), []),
            requests: int().check(_nonnegative()),
            categories: _catch(array(_enum(CATEGORIES)), []),
            access: _enum(['allow', 'block']),
            review: boolean(),
            reason: string(),
        })),
    })),
});
function proposalOf(answer) {
    const parsed = ProposalSchema.safeParse(answer);
    const proposal = parsed.success ? parsed.data.lockdown_proposal : undefined;
    if (proposal === undefined || proposal === null)
        return undefined;
    return {
        observedDays: proposal.observed_days,
        learningComplete: proposal.learning_complete,
        destinations: proposal.destinations.map((d) => ({
            host: d.host,
            vendor: d.vendor ?? undefined,
            party: d.party,
            countries: d.countries,
            requests: d.requests,
            categories: d.categories,
            access: d.access,
            review: d.review,
            reason: d.reason,
        })),
    };
}

/**
 * Home Assistant's own placeholders: an entity that is `unavailable` or `unknown` tells nothing about the
 * home, so a condition that does not name them reads them like a state never seen (the stricter reading).
 */
const NO_INFORMATION = new Set(['unavailable', 'unknown']);
function list(states) {
    return typeof states === 'string' ? [states] : states;
}
function describeCondition(condition) {
    if (condition.state !== undefined)
        return `${condition.entity} is ${list(condition.state).join(' or ')}`;
    return `${condition.entity} is not ${list(condition.not ?? []).join(' or ')}`;
}
/** Whether the state satisfies the condition; undefined when the state says nothing (see NO_INFORMATION). */
function satisfied(condition, state) {
    if (state === undefined)
        return undefined;
    const named = list(condition.state ?? condition.not ?? []);
    if (NO_INFORMATION.has(state) && !named.includes(state))
        return undefined;
    const inList = named.includes(state);
    return condition.state !== undefined ? inList : !inList;
}
/**
 * Reads a condition. `stricter` is what holding means for the thing it guards: when the state is unknown
 * the condition is read the way that protects more (a redact rule applies, an allowing destination does not).
 */
function checkCondition(condition, states, stricter) {
    const known = states.entities.get(condition.entity);
    const verdict = satisfied(condition, known?.state);
    return {
        entity: condition.entity,
        test: describeCondition(condition),
        state: known?.state,
        since: known?.since,
        holds: verdict ?? stricter,
        assumed: verdict === undefined,
        live: states.live,
    };
}

function conditionedItems(scope) {
    const items = [];
    for (const rule of scope.rules ?? []) {
        if (rule.when === undefined)
            continue;
        items.push({ guards: 'rule', subject: `${rule.path ?? rule.category ?? '?'} → ${rule.action}`, when: rule.when, stricter: rule.action !== 'allow' });
    }
    for (const destination of scope.destinations ?? []) {
        if (destination.when === undefined)
            continue;
        const subject = `${destination.hosts.join(', ')} → ${destination.access}`;
        items.push({ guards: 'destination', subject, when: destination.when, stricter: destination.access === 'block' });
    }
    for (const entry of scope.modeWhen ?? [])
        items.push({ guards: 'mode', subject: entry.mode, when: entry.when, stricter: true });
    return items;
}
function readConditioned(items, states) {
    return items.map((item) => ({ ...checkCondition(item.when, states, item.stricter), guards: item.guards, subject: item.subject }));
}

function conditionedRules(input) {
    const items = conditionedItems({ rules: input.rules, destinations: input.destinations, modeWhen: input.modes });
    return readConditioned(items, input.states).map((outcome) => ({
        guards: outcome.guards,
        subject: outcome.subject,
        test: outcome.test,
        applies: outcome.holds,
        assumed: outcome.assumed,
        state: outcome.state,
        since: outcome.since,
        stale: input.stale,
    }));
}
/** Home Assistant's `[{entity_id, state, last_changed}]` (subscribe_states' shape) as HomeStates. */
function statesFromFrame(states, live) {
    const entities = new Map();
    for (const s of states)
        if (s.state !== null)
            entities.set(s.entity_id, { state: s.state, since: s.last_changed ?? 0 });
    return { entities, live };
}

const NOTHING_OBSERVED = { destinations: undefined, fields: undefined };
function asCategory(value) {
    return CATEGORIES.find((category) => category === value);
}
function asAction(value) {
    return FIELD_ACTIONS.find((action) => action === value);
}
function toSeenEvent(event, at) {
    return fromEventData(event.event_type, event.data, at);
}
function fromEventData(type, data, at) {
    return {
        at,
        type,
        deviceId: data.device_id ?? undefined,
        host: data.destination ?? '',
        vendor: data.vendor ?? undefined,
        fieldPath: data.field_path ?? undefined,
        category: asCategory(data.category),
        action: asAction(data.action),
        explanation: data.explanation ?? '',
    };
}
function statsTrust(stats) {
    const computed = trustScore(stats.violations_today, stats.new_destinations_today, stats.opaque_payloads_today);
    // The integration's own score wins if it ever changes its formula; the reasons stay ours.
    return { score: stats.trust_score ?? computed.score, reasons: computed.reasons };
}
function householdFromHa(result) {
    const devices = result.devices.map((device) => {
        const { score, reasons } = statsTrust(device.stats);
        return {
            id: device.device_id,
            name: device.name,
            mode: device.mode ?? undefined,
            quarantined: device.quarantined,
            trustScore: score,
            reasons,
            violationsToday: device.stats.violations_today,
            destinations: device.stats.destinations.length,
            bytesUploaded: device.stats.bytes_uploaded,
            lastSeen: device.stats.last_seen,
        };
    });
    return { connected: result.connected, mode: result.mode, devices: devices.sort(byExposure) };
}
/** `*` matches every host, `*.x.com` its subdomains, anything else itself. */
function hostMatches(glob, host) {
    const pattern = glob.toLowerCase();
    const name = host.toLowerCase();
    if (pattern === '*')
        return true;
    if (pattern.startsWith('*.'))
        return name.endsWith(pattern.slice(1));
    return pattern === name;
}
/** The most specific matching rule decides: an exact host over a glob, a longer glob over a shorter. */
function accessFor(rules, host) {
    return rules
        .filter((rule) => hostMatches(rule.glob, host))
        .sort((a, b) => Number(b.glob === host) - Number(a.glob === host) || b.glob.length - a.glob.length)[0];
}
function destinations(report, events, observed) {
    const rules = report.destinations.flatMap((d) => d.hosts.map((glob) => ({ glob, access: d.access, vendor: d.vendor ?? undefined })));
    const known = new Map((observed.destinations ?? []).map((destination) => [destination.host, destination]));
    const hosts = new Set([...known.keys(), ...report.stats.destinations, ...rules.map((rule) => rule.glob)]);
    // In lockdown a destination the device's policy does not list is refused (docs/POLICY.md, Modes).
    const unlisted = report.mode === 'lockdown' ? 'block' : 'allow';
    return [...hosts].map((host) => {
        const rule = accessFor(rules, host);
        const seen = events.filter((event) => event.host === host);
        const history = known.get(host);
        return {
            host,
            vendor: rule?.vendor ?? history?.vendor ?? seen.find((event) => event.vendor !== undefined)?.vendor,
            party: history?.party,
            countries: history?.countries,
            inspectable: history?.inspectable,
            access: rule?.access ?? unlisted,
            explicit: rule !== undefined,
            requests: history?.requests,
            blocked: history?.blocked,
            firstSeen: history?.firstSeen,
            lastSeen: Math.max(history?.lastSeen ?? 0, seen[0]?.at ?? 0) || undefined,
        };
    });
}
function categories(report, events, observed) {
    const applied = report.mode !== 'monitor';
    const categoryRule = new Map();
    const fieldRule = new Map();
    for (const rule of report.rules) {
        if (rule.path !== undefined)
            fieldRule.set(rule.path, rule.action);
        else if (rule.category !== undefined)
            categoryRule.set(rule.category, rule.action);
    }
    const fields = new Map();
    for (const path of fieldRule.keys()) {
        // Seen nowhere yet while the card is open: the count is unknown, not zero.
        fields.set(path, { category: undefined, row: fieldRow(path, undefined, undefined, undefined) });
    }
    for (const field of observed.fields ?? []) {
        fields.set(field.path, {
            category: field.categories[0],
            row: { ...fieldRow(field.path, field.host, field.count, field.lastSeen, field.action), opaque: field.opaque, why: field.why },
        });
    }
    const counted = new Set(observed.fields?.map((field) => field.path));
    for (const event of events) {
        // The integration's field counts already include what these events report.
        if (event.fieldPath === undefined || counted.has(event.fieldPath))
            continue;
        const known = fields.get(event.fieldPath);
        const count = (known?.row.count ?? 0) + 1;
        const lastSeen = Math.max(known?.row.lastSeen ?? 0, event.at);
        fields.set(event.fieldPath, {
            category: known?.category ?? event.category,
            row: fieldRow(event.fieldPath, known?.row.host ?? event.host, count, lastSeen, event.action),
        });
    }
    function fieldRow(path, host, count, lastSeen, seen) {
        return { path, host, action: fieldRule.get(path) ?? seen ?? 'allow', applied, opaque: false, count, lastSeen };
    }
    const groups = new Map();
    for (const category of categoryRule.keys())
        groups.set(category, []);
    for (const { category, row } of fields.values()) {
        const action = fieldRule.get(row.path) ?? (category ? categoryRule.get(category) : undefined) ?? row.action;
        groups.set(category, [...(groups.get(category) ?? []), { ...row, action }]);
    }
    return [...groups].map(([category, rows]) => ({
        category,
        action: category ? categoryRule.get(category) : undefined,
        fields: rows.sort((a, b) => a.path.localeCompare(b.path)),
    }));
}
/**
 * Newest first. `events` are what this device reported (from the report, or seen live since the card
 * opened); `observed` is the integration's record of its destinations and fields, when it keeps one.
 */
function deviceFromHa(report, events, observed = NOTHING_OBSERVED) {
    const own = events.filter((event) => event.deviceId === report.device_id).sort((a, b) => b.at - a.at);
    const { score, reasons } = statsTrust(report.stats);
    const opaque = own
        .filter((event) => event.type === 'opaque_payload')
        .map((event) => ({ host: event.host, fieldPath: event.fieldPath, explanation: event.explanation, lastSeen: event.at }));
    return {
        id: report.device_id,
        name: report.name,
        mode: report.mode ?? undefined,
        quarantined: report.quarantined,
        connected: report.sidecar_connected,
        trustScore: score,
        reasons,
        destinations: destinations(report, own, observed),
        categories: categories(report, own.filter((event) => event.type === 'violation'), observed),
        violations: own.filter((event) => event.type === 'violation'),
        opaque,
        lastSeen: report.stats.last_seen,
        ...conditionsOf(report),
        network: networkFromHa(report.stats),
    };
}
/** Conditioned rules, read against Home Assistant's states; the gateway keeps its last ones while away. */
function conditionsOf(report) {
    const conditions = conditionedRules({
        rules: report.rules,
        destinations: report.destinations,
        modes: report.mode_when,
        states: statesFromFrame(report.condition_states, true),
        stale: report.sidecar_connected ? undefined : 'gateway-away',
    });
    return conditions.length === 0 ? {} : { conditions };
}

/**
 * A card action as the integration's `privacy_gateway/policy/edit` frame. The standalone page's API
 * takes the same `{operation, data}` (src/policy-edits), so both sources send one shape.
 */
function editMessage(action) {
    const type = 'privacy_gateway/policy/edit';
    switch (action.kind) {
        case 'field_action':
            return { type, operation: 'set_field_action', data: { device_id: action.deviceId, field_path: action.fieldPath, action: action.action } };
        case 'category_action':
            return { type, operation: 'set_field_action', data: { device_id: action.deviceId, category: action.category, action: action.action } };
        case 'destination': {
            const data = { device_id: action.deviceId, host: action.host };
            if (action.vendor !== undefined)
                data.vendor = action.vendor;
            return { type, operation: action.access === 'allow' ? 'allow_destination' : 'block_destination', data };
        }
        case 'quarantine':
            return { type, operation: 'quarantine', data: { device_id: action.deviceId, quarantine: action.quarantine } };
        case 'lockdown':
            return {
                type,
                operation: 'lock_down',
                data: {
                    device_id: action.deviceId,
                    destinations: action.destinations.map((d) => ({ host: d.host, access: d.access, ...(d.vendor === undefined ? {} : { vendor: d.vendor }) })),
                },
            };
    }
}

const seenTime = pipe(nullish(string()), transform((value) => {
    const ms = value ? Date.parse(value) : Number.NaN;
    return Number.isNaN(ms) ? undefined : ms;
}));
const tally = _catch(int().check(_nonnegative()), 0);
/**
 * device_report's `observed_destinations` and `fields` (docs/HUB_PROTOCOL.md). They belong with
 * DeviceReportSchema in ha-protocol.ts; until they move there they are parsed here, from the same answer.
 * A list that does not parse is treated as absent: the card then shows what it saw live.
 */
const ObservedSchema = object({
    generated_at: seenTime,
    observed_destinations: _catch(optional(array(object({
        host: string(),
        vendor: nullish(string()),
        party: _catch(optional(_enum(['first', 'support', 'third', 'unknown'])), undefined),
        countries: _catch(array(string()), []),
        inspectable: nullish(boolean()),
        requests: tally,
        blocked: tally,
        first_seen: seenTime,
        last_seen: seenTime,
    }))), undefined),
    fields: _catch(optional(array(object({
        path: string(),
        categories: _catch(array(_enum(CATEGORIES)), []),
        action: _catch(_enum(FIELD_ACTIONS), 'allow'),
        opaque: _catch(boolean(), false),
        count: tally,
        host: nullish(string()),
        last_seen: seenTime,
        why: _catch(optional(string()), undefined),
    }))), undefined),
});
function observedOf(answer) {
    const parsed = ObservedSchema.safeParse(answer);
    if (!parsed.success)
        return { destinations: undefined, fields: undefined, generatedAt: undefined };
    const { observed_destinations: destinations, fields, generated_at: generatedAt } = parsed.data;
    return {
        generatedAt,
        destinations: destinations?.map((d) => ({
            host: d.host,
            vendor: d.vendor ?? undefined,
            party: d.party,
            countries: d.countries,
            inspectable: d.inspectable ?? undefined,
            requests: d.requests,
            blocked: d.blocked,
            firstSeen: d.first_seen,
            lastSeen: d.last_seen,
        })),
        fields: fields?.map((f) => ({
            path: f.path,
            categories: f.categories,
            action: f.action,
            opaque: f.opaque,
            count: f.count,
            host: f.host ?? undefined,
            lastSeen: f.last_seen,
            why: f.why === '' ? undefined : f.why,
        })),
    };
}
/** An answer that does not have the documented shape: an integration of another version, most likely. */
function parseAnswer(schema, value, command) {
    const result = schema.safeParse(value);
    if (result.success)
        return result.data;
    throw new DataSourceError('invalid_answer', `Unexpected answer to ${command}: ${describeIssues(result.error.issues)}`);
}
/** How many live events the card keeps per device for its timeline (a week of a busy device). */
const MAX_EVENTS_PER_DEVICE = 2_000;
/**
 * The card's data over Home Assistant's websocket: the integration's card commands and its live
 * subscription. The report's own history (`events`, `observed_destinations`, `fields`) fills the view;
 * events seen through the subscription are kept too, so the timeline grows while the card is open
 * (and an integration that keeps no history still shows what happened since).
 */
class HaDataSource {
    constructor(connection, isAdmin) {
        this.live = true;
        this.events = new Map();
        this.connection = connection;
        this.canEdit = isAdmin;
    }
    async household() {
        const result = await this.send({ type: 'privacy_gateway/devices' });
        return householdFromHa(parseAnswer(DevicesResultSchema, result, 'privacy_gateway/devices'));
    }
    async device(deviceId) {
        const answer = await this.send({ type: 'privacy_gateway/device_report', device_id: deviceId });
        const report = parseAnswer(DeviceReportSchema, answer, 'privacy_gateway/device_report');
        const observed = observedOf(answer);
        if (report.events !== undefined && observed.generatedAt !== undefined) {
            // The integration keeps every event before pushing it: its history replaces what was seen live
            // until it answered, so an event is not shown twice (once live, once from the report).
            const since = observed.generatedAt;
            this.events.set(deviceId, (this.events.get(deviceId) ?? []).filter((event) => event.at > since));
        }
        for (const event of report.events ?? []) {
            if (event.ts !== undefined)
                this.remember(fromEventData(event.event_type, { ...event.data, device_id: deviceId }, event.ts));
        }
        return {
            ...deviceFromHa(report, this.events.get(deviceId) ?? [], observed),
            lockdownProposal: proposalOf(answer),
            network: networkFromHa(report.stats, answer),
        };
    }
    async subscribe(onUpdate) {
        const unsubscribe = await this.connection
            .subscribeMessage((message) => {
            const update = this.receive(message);
            if (update !== undefined)
                onUpdate(update);
        }, { type: 'privacy_gateway/subscribe' })
            .catch((error) => {
            throw asDataSourceError(error);
        });
        // A connection already closed rejects the unsubscribe; there is nothing left to stop then.
        return () => void unsubscribe().catch(() => undefined);
    }
    async apply(action) {
        await this.send(editMessage(action));
    }
    async exportReport(deviceId) {
        const raw = await this.send({ type: 'privacy_gateway/device_report', device_id: deviceId });
        const report = parseAnswer(DeviceReportSchema, raw, 'privacy_gateway/device_report');
        return { fileName: reportFileName(report.name, 'json'), mimeType: 'application/json', content: JSON.stringify(raw, null, 2) };
    }
    receive(message) {
        const parsed = CardEventSchema.safeParse(message);
        // An event type from a newer integration is not an error: the card just does not show it.
        if (!parsed.success)
            return undefined;
        const event = parsed.data;
        switch (event.type) {
            case 'sidecar':
                return { kind: 'sidecar', connected: event.connected };
            case 'device':
                return { kind: 'device', deviceId: event.device_id };
            case 'policy':
                return { kind: 'policy' };
            case 'event': {
                const seen = toSeenEvent(event, Date.now());
                this.remember(seen);
                return { kind: 'event', deviceId: seen.deviceId };
            }
        }
    }
    remember(event) {
        if (event.deviceId === undefined)
            return;
        const list = this.events.get(event.deviceId) ?? [];
        if (list.some((known) => known.at === event.at && known.type === event.type && known.fieldPath === event.fieldPath && known.host === event.host))
            return;
        list.push(event);
        if (list.length > MAX_EVENTS_PER_DEVICE)
            list.splice(0, list.length - MAX_EVENTS_PER_DEVICE);
        this.events.set(event.deviceId, list);
    }
    async send(message) {
        try {
            return await this.connection.sendMessagePromise(message);
        }
        catch (error) {
            throw asDataSourceError(error);
        }
    }
}

/** Builds the data source for a `hass`: a new one only when the connection or the user's rights change. */
function sourceFor(hass, previous, previousHass) {
    const isAdmin = hass.user?.is_admin ?? false;
    if (previous !== undefined && previousHass?.connection === hass.connection && previous.canEdit === isAdmin)
        return previous;
    return new HaDataSource(hass.connection, isAdmin);
}
/** The Trust & Privacy dashboard card: the household overview, or one device with `device_id`. */
class PrivacyGatewayCard extends i {
    static async getConfigElement() {
        await Promise.resolve().then(function () { return privacyCardEditor; });
        return document.createElement('privacy-gateway-card-editor');
    }
    static getStubConfig() {
        return { type: `custom:${CARD_TYPE}` };
    }
    static { this.styles = i$3 `
    .card-content {
      padding: 0 16px 16px;
    }
    ha-card:not([header]) .card-content,
    .card-content.no-header {
      padding-top: 16px;
    }
  `; }
    /** Throws an Error naming the bad option; the dashboard shows it in an error card. */
    setConfig(config) {
        this.config = parseCardConfig(config);
    }
    getCardSize() {
        return this.config?.device_id === undefined ? 4 : 10;
    }
    getGridOptions() {
        return this.config?.device_id === undefined
            ? { columns: 12, rows: 'auto', min_columns: 6, min_rows: 3 }
            : { columns: 'full', rows: 'auto', min_columns: 9, min_rows: 6 };
    }
    shouldUpdate(changed) {
        if (!changed.has('hass') || changed.size > 1)
            return true;
        return hassChangeMatters(changed.get('hass'), this.hass);
    }
    willUpdate(changed) {
        if (changed.has('hass') && this.hass !== undefined) {
            this.source = sourceFor(this.hass, this.source, changed.get('hass'));
        }
    }
    render() {
        const config = this.config;
        if (config === undefined || this.hass === undefined)
            return A;
        return b `<ha-card .header=${config.title}>
      <div class="card-content ${config.title ? '' : 'no-header'}">
        <privacy-gateway-view
          .source=${this.source}
          .deviceId=${config.device_id}
          .language=${hassLanguage(this.hass)}
          .range=${config.timeline}
        ></privacy-gateway-view>
      </div>
    </ha-card>`;
    }
}
__decorate([
    n({ attribute: false })
], PrivacyGatewayCard.prototype, "hass", void 0);
__decorate([
    r()
], PrivacyGatewayCard.prototype, "config", void 0);
__decorate([
    r()
], PrivacyGatewayCard.prototype, "source", void 0);
if (!customElements.get(CARD_TYPE))
    customElements.define(CARD_TYPE, PrivacyGatewayCard);

/**
 * The "Privacy" sidebar panel: the same view as the card, full page. Home Assistant sets `hass`,
 * `narrow`, `route` and `panel` on it (custom panel, `webcomponent_name: privacy-gateway-panel`).
 */
class PrivacyGatewayPanel extends i {
    constructor() {
        super(...arguments);
        this.narrow = false;
    }
    static { this.styles = i$3 `
    :host {
      display: block;
      min-height: 100%;
      background: var(--primary-background-color);
      color: var(--primary-text-color);
    }
    .toolbar {
      display: flex;
      align-items: center;
      height: var(--header-height, 56px);
      padding: 0 12px;
      gap: 8px;
      background: var(--app-header-background-color, var(--primary-color));
      color: var(--app-header-text-color, var(--text-primary-color, #fff));
      border-bottom: var(--app-header-border-bottom, none);
    }
    h1 {
      margin: 0;
      font-size: 1.25rem;
      font-weight: 400;
    }
    main {
      max-width: 1100px;
      margin: 0 auto;
      padding: 16px;
    }
    ha-card {
      padding: 16px;
    }
  `; }
    shouldUpdate(changed) {
        if (!changed.has('hass') || changed.size > 1)
            return true;
        return hassChangeMatters(changed.get('hass'), this.hass);
    }
    willUpdate(changed) {
        if (changed.has('hass') && this.hass !== undefined)
            this.source = sourceFor(this.hass, this.source, changed.get('hass'));
    }
    render() {
        const language = hassLanguage(this.hass);
        const localize = createLocalize(language);
        return b `<div class="toolbar">
        <ha-menu-button .hass=${this.hass} .narrow=${this.narrow}></ha-menu-button>
        <h1>${localize('card.title')}</h1>
      </div>
      <main>
        <ha-card>
          <privacy-gateway-view .source=${this.source} .language=${language}></privacy-gateway-view>
        </ha-card>
      </main>`;
    }
}
__decorate([
    n({ attribute: false })
], PrivacyGatewayPanel.prototype, "hass", void 0);
__decorate([
    n({ type: Boolean, reflect: true })
], PrivacyGatewayPanel.prototype, "narrow", void 0);
__decorate([
    n({ attribute: false })
], PrivacyGatewayPanel.prototype, "route", void 0);
__decorate([
    n({ attribute: false })
], PrivacyGatewayPanel.prototype, "panel", void 0);
__decorate([
    r()
], PrivacyGatewayPanel.prototype, "source", void 0);
if (!customElements.get('privacy-gateway-panel'))
    customElements.define('privacy-gateway-panel', PrivacyGatewayPanel);

/**
 * The local page's JSON API as the browser sees it. This file imports nothing so the browser bundle can
 * share it; the server assigns the ledger's views to these types, so a drift fails to compile.
 * Times are epoch milliseconds.
 */
/** Where the page's policy edits go: `POST` one `{operation, data}` (the integration's edit operations). */
const POLICY_EDITS_PATH = '/api/policy/edits';
/**
 * The header every edit carries. A cross-site page cannot send it without a CORS preflight, which the
 * page never grants, so a form or script on another site cannot change the policy with the owner's cookie.
 */
const EDIT_HEADER = 'x-privacy-gateway-edit';

function startOfToday(now) {
    const day = new Date(now);
    day.setHours(0, 0, 0, 0);
    return day.getTime();
}
function overviewFromPage(device) {
    const { score, reasons } = trustScore(device.violationsToday, 0, 0);
    return {
        id: device.id,
        name: device.name,
        mode: undefined,
        quarantined: false,
        trustScore: score,
        reasons,
        violationsToday: device.violationsToday,
        destinations: device.destinations,
        bytesUploaded: device.bytesUp,
        lastSeen: device.lastSeen,
    };
}
/** The page's ledger summary in the card's terms; today's counts feed the same trust formula as HA's. */
function deviceFromPage(summary, now) {
    const today = startOfToday(now);
    const violations = summary.decisions
        .filter((decision) => decision.violation)
        .map((decision) => ({
        at: decision.at,
        type: 'violation',
        host: decision.host,
        fieldPath: undefined,
        explanation: decision.reason,
    }))
        .sort((a, b) => b.at - a.at);
    const categories = summary.categories.map((group) => ({
        category: CATEGORIES.find((category) => category === group.category),
        action: undefined,
        fields: group.fields.map((field) => ({
            path: field.path,
            host: field.host,
            action: FIELD_ACTIONS.find((action) => action === field.action) ?? 'allow',
            applied: field.applied,
            opaque: field.opaque,
            count: field.count,
            lastSeen: field.lastSeen,
            why: field.why === undefined || field.why === '' ? undefined : field.why,
        })),
    }));
    const opaque = summary.categories
        .flatMap((group) => group.fields)
        .filter((field) => field.opaque)
        .map((field) => ({ host: field.host, fieldPath: field.path, explanation: '', lastSeen: field.lastSeen }));
    const { score, reasons } = trustScore(violations.filter((event) => event.at >= today).length, summary.destinations.filter((destination) => destination.firstSeen >= today).length, opaque.filter((payload) => (payload.lastSeen ?? 0) >= today).length);
    return {
        id: summary.device.id,
        name: summary.device.name,
        mode: MODES.find((mode) => mode === summary.policy?.mode),
        quarantined: summary.policy?.quarantined ?? false,
        connected: true,
        trustScore: score,
        reasons,
        destinations: summary.destinations.map((destination) => ({
            host: destination.host,
            vendor: destination.name?.vendor ?? destination.vendor ?? undefined,
            party: destination.name?.party,
            countries: destination.name?.countries,
            inspectable: destination.inspectable,
            // The policy's word for this host when it names it (right after an edit, before any traffic), else what happened.
            access: destination.policyAccess ?? (destination.blocked > 0 && destination.forwarded === 0 ? 'block' : 'allow'),
            // The ledger does not say whether a rule or the default decided: no "(default)" hint.
            explicit: true,
            requests: destination.forwarded + destination.blocked,
            blocked: destination.blocked,
            firstSeen: destination.firstSeen,
            lastSeen: destination.lastSeen,
        })),
        categories,
        violations,
        opaque,
        lastSeen: summary.device.lastSeen,
        lockdownProposal: summary.lockdownProposal && {
            observedDays: summary.lockdownProposal.observedDays,
            learningComplete: summary.lockdownProposal.learningComplete,
            destinations: summary.lockdownProposal.destinations.map((d) => ({
                ...d,
                categories: d.categories.flatMap((category) => CATEGORIES.filter((known) => known === category)),
            })),
        },
        ...(summary.conditions === undefined ? {} : { conditions: summary.conditions.map(conditionFromPage) }),
        // An older sidecar's page has no network view.
        network: summary.network === undefined ? undefined : networkFromPage(summary.network),
    };
}
/** The gateway's own reading: a state it holds while Home Assistant is away is the last known one. */
function conditionFromPage(view) {
    const { guards, subject, test, assumed, state, since } = view;
    return { guards, subject, test, applies: view.holds, assumed, state, since, stale: view.live ? undefined : 'ha-away' };
}
const MODES = ['monitor', 'enforce', 'lockdown'];
/**
 * The card's data from the sidecar's own local page (standalone mode, no Home Assistant). Actions go to
 * the page's policy edit API, which writes the policy file; `canEdit` follows what the page says this
 * browser may do (logged in, and no Home Assistant owning the policy). No push channel: the view
 * refreshes when the owner asks and after each change.
 */
class StandaloneDataSource {
    constructor(baseUrl = '', fetchFn = (input, init) => fetch(input, init)) {
        /** Known after the first household() or device(): false until the page said edits are allowed. */
        this.canEdit = false;
        this.live = false;
        this.baseUrl = baseUrl.replace(/\/$/, '');
        this.fetchFn = fetchFn;
    }
    async household() {
        const [body] = await Promise.all([this.get('/api/devices', (value) => Array.isArray(value.devices)), this.refreshEditAccess()]);
        const devices = body.devices.map(overviewFromPage).sort(byExposure);
        return { connected: true, mode: undefined, devices };
    }
    async device(deviceId) {
        const [body] = await Promise.all([
            this.get(`/api/devices/${encodeURIComponent(deviceId)}`, (value) => isRecord(value.device)),
            this.refreshEditAccess(),
        ]);
        return deviceFromPage(body, Date.now());
    }
    subscribe(_onUpdate) {
        return Promise.resolve(() => undefined);
    }
    /** One edit, in the integration's `{operation, data}` shape; resolves once the gateway runs the new policy. */
    async apply(action) {
        const { operation, data } = editMessage(action);
        await this.request(POLICY_EDITS_PATH, {
            method: 'POST',
            headers: { accept: 'application/json', 'content-type': 'application/json', [EDIT_HEADER]: '1' },
            body: JSON.stringify({ operation, data }),
        });
    }
    /** An older gateway without the edit API answers 404: read-only, as before. */
    async refreshEditAccess() {
        const access = await this.get(POLICY_EDITS_PATH, (value) => typeof value.allowed === 'boolean').catch(() => undefined);
        const view = access;
        this.canEdit = view?.allowed === true;
        this.editRefusal = view === undefined || view.allowed
            ? undefined
            : { code: view.code ?? 'read_only', message: view.message ?? 'The page cannot change the policy' };
    }
    async exportReport(deviceId) {
        const response = await this.request(`/api/devices/${encodeURIComponent(deviceId)}/report?format=md`);
        return { fileName: reportFileName(deviceId, 'md'), mimeType: 'text/markdown', content: await response.text() };
    }
    /** The shape check is shallow: the server is the same program that defines these types. */
    async get(path, looksRight) {
        const response = await this.request(path);
        const body = await response.json().catch(() => undefined);
        if (!isRecord(body) || !looksRight(body)) {
            throw new DataSourceError('invalid_answer', `Unexpected answer from ${path} (HTTP ${response.status})`);
        }
        return body;
    }
    async request(path, init = { headers: { accept: 'application/json' } }) {
        let response;
        try {
            // Relative to the page (no leading slash), so the API is found under Home Assistant's ingress path too.
            response = await this.fetchFn(`${this.baseUrl}${path}`, { cache: 'no-store', credentials: 'same-origin', ...init });
        }
        catch (error) {
            throw new DataSourceError('unreachable', `The gateway does not answer (${error instanceof Error ? error.message : String(error)})`);
        }
        if (!response.ok) {
            const body = await response.clone().json().catch(() => undefined);
            const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
            throw new DataSourceError(typeof error?.code === 'string' ? error.code : `http_${response.status}`, typeof error?.message === 'string' ? error.message : `HTTP ${response.status} from ${path}`);
        }
        return response;
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The card bundle Home Assistant loads (custom_components/privacy_gateway/frontend/privacy-gateway-card.js):
 * the dashboard card, its lazily loaded editor, and the sidebar panel.
 */
const localize = createLocalize(undefined);
window.customCards = window.customCards ?? [];
if (!window.customCards.some((card) => card.type === CARD_TYPE)) {
    window.customCards.push({
        type: CARD_TYPE,
        name: localize('card.name'),
        description: localize('card.description'),
        preview: true,
        documentationURL: 'https://github.com/privacy-gateway/privacy-gateway#the-card',
    });
}

/** ha-form's schema: the device list comes from the integration, the household is the empty choice. */
function editorSchema(devices, localize) {
    return [
        { name: 'title', selector: { text: {} } },
        {
            name: 'device_id',
            selector: {
                select: {
                    mode: 'dropdown',
                    options: [{ value: '', label: localize('editor.household') }, ...devices.map((d) => ({ value: d.id, label: d.name }))],
                },
            },
        },
        {
            name: 'timeline',
            selector: {
                select: {
                    mode: 'list',
                    options: [
                        { value: '24h', label: localize('device.range_24h') },
                        { value: '7d', label: localize('device.range_7d') },
                    ],
                },
            },
        },
    ];
}
/** The visual editor (loaded on demand by the card's `getConfigElement`). Emits `config-changed`. */
class PrivacyGatewayCardEditor extends i {
    constructor() {
        super(...arguments);
        this.devices = [];
        this.valueChanged = (event) => {
            event.stopPropagation();
            const next = { ...event.detail.value };
            for (const key of ['title', 'device_id'])
                if (next[key] === '' || next[key] === undefined)
                    delete next[key];
            const parsed = PrivacyCardConfigSchema.safeParse(next);
            if (!parsed.success)
                return;
            this.config = parsed.data;
            this.dispatchEvent(new CustomEvent('config-changed', { detail: { config: next }, bubbles: true, composed: true }));
        };
    }
    /** An invalid config throws, and Home Assistant falls back to the YAML editor with the message. */
    setConfig(config) {
        this.config = parseCardConfig(config);
    }
    willUpdate(changed) {
        if (changed.has('hass') && this.hass !== undefined && changed.get('hass')?.connection !== this.hass.connection) {
            void this.loadDevices(this.hass);
        }
    }
    render() {
        if (this.hass === undefined || this.config === undefined)
            return A;
        const localize = createLocalize(hassLanguage(this.hass));
        return b `<ha-form
      .hass=${this.hass}
      .data=${{ ...this.config, device_id: this.config.device_id ?? '' }}
      .schema=${editorSchema(this.devices, localize)}
      .computeLabel=${(field) => localize(`editor.${field.name}`)}
      @value-changed=${this.valueChanged}
    ></ha-form>`;
    }
    async loadDevices(hass) {
        try {
            const result = DevicesResultSchema.parse(await hass.connection.sendMessagePromise({ type: 'privacy_gateway/devices' }));
            this.devices = result.devices.map((device) => ({ id: device.device_id, name: device.name }));
        }
        catch {
            // Without the list the owner can still pick the household or type the id in YAML.
            this.devices = [];
        }
    }
}
__decorate([
    n({ attribute: false })
], PrivacyGatewayCardEditor.prototype, "hass", void 0);
__decorate([
    r()
], PrivacyGatewayCardEditor.prototype, "config", void 0);
__decorate([
    r()
], PrivacyGatewayCardEditor.prototype, "devices", void 0);
if (!customElements.get('privacy-gateway-card-editor'))
    customElements.define('privacy-gateway-card-editor', PrivacyGatewayCardEditor);

var privacyCardEditor = /*#__PURE__*/Object.freeze({
    __proto__: null,
    PrivacyGatewayCardEditor: PrivacyGatewayCardEditor,
    editorSchema: editorSchema
});

export { CARD_TYPE, CATEGORIES, FIELD_ACTIONS, HaDataSource, PrivacyCardConfigSchema, PrivacyGatewayCard, PrivacyGatewayPanel, PrivacyGatewayView, StandaloneDataSource, SubscriptionController, actionSubject, byExposure, createLocalize, editMessage, parseCardConfig, sourceFor, trustScore };
