/// The named character references NoteGate decodes: XML's five, Latin-1 (HTML 4 `HTMLlat1`), and the symbols and
/// punctuation found in clinical text (`&deg;`, `&micro;`, `&le;`, dashes, quotes). Unknown names stay literal.
enum HTMLEntities {
    static let named: [String: UInt32] = {
        var table: [String: UInt32] = [
            "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
            "OElig": 0x152, "oelig": 0x153, "Scaron": 0x160, "scaron": 0x161, "Yuml": 0x178, "fnof": 0x192,
            "circ": 0x2C6, "tilde": 0x2DC, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C,
            "zwj": 0x200D, "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A,
            "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "dagger": 0x2020, "Dagger": 0x2021, "bull": 0x2022,
            "hellip": 0x2026, "permil": 0x2030, "prime": 0x2032, "Prime": 0x2033, "lsaquo": 0x2039,
            "rsaquo": 0x203A, "euro": 0x20AC, "trade": 0x2122, "larr": 0x2190, "uarr": 0x2191, "rarr": 0x2192,
            "darr": 0x2193, "harr": 0x2194, "minus": 0x2212, "lowast": 0x2217, "radic": 0x221A, "infin": 0x221E,
            "asymp": 0x2248, "ne": 0x2260, "equiv": 0x2261, "le": 0x2264, "ge": 0x2265, "sum": 0x2211,
            "Alpha": 0x391, "Beta": 0x392, "Gamma": 0x393, "Delta": 0x394, "alpha": 0x3B1, "beta": 0x3B2,
            "gamma": 0x3B3, "delta": 0x3B4, "epsilon": 0x3B5, "kappa": 0x3BA, "lambda": 0x3BB, "mu": 0x3BC,
            "pi": 0x3C0, "sigma": 0x3C3, "tau": 0x3C4, "omega": 0x3C9, "Omega": 0x3A9,
        ]
        // HTMLlat1: U+00A0 ... U+00FF in the order of the HTML 4 DTD.
        let latin1 = """
            nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 \
            acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde \
            Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc \
            Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml \
            aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc \
            otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml
            """
        for (offset, name) in latin1.split(separator: " ").enumerated() { table[String(name)] = 0xA0 + UInt32(offset) }
        return table
    }()
}
