package dev.tessera.molecule;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a molecule from a Chemical Markup Language (CML) file with the JDK's DOM parser.
 *
 * <p>Accepted atom layouts inside {@code <atomArray>} (any namespace, matched by local name):
 * <ul>
 *   <li>one {@code <atom id elementType x3 y3 z3>} element per atom (the form of every file of the
 *       Debian package {@code chemical-structures-data});</li>
 *   <li>array attributes on {@code <atomArray>} itself: whitespace-separated {@code atomID},
 *       {@code elementType}, {@code x3}, {@code y3}, {@code z3};</li>
 *   <li>CML 1 child arrays: {@code <stringArray builtin="atomId|elementType">} and
 *       {@code <floatArray builtin="x3|y3|z3">}.</li>
 * </ul>
 * Bonds are read from {@code <bondArray><bond atomRefs2="a1 a2" order="1"/>} when present.
 *
 * <p><b>2D-only files are rejected</b>: an atom with {@code x2}/{@code y2} but no {@code x3}/{@code y3}/{@code z3}
 * raises an error rather than being placed at z = 0, because a flat layout drawing has no physical
 * bond lengths and would poison both training and the validity metric. Every error is a
 * {@link CorruptFileException} whose message names the file and the atom (id and index) or element.
 */
public final class CmlReader {
    private CmlReader() { }

    /**
     * Reads one CML file.
     *
     * @param file the file
     * @return the molecule, named after the file (without {@code .cml})
     * @throws CorruptFileException if the XML is malformed or an atom lacks an element or 3D coordinates
     * @throws IOException if the file cannot be read
     */
    public static Molecule read(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.cml$", "");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), name);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "CML file not found");
        }
    }

    /**
     * Reads CML from a stream.
     *
     * @param in the XML (not closed)
     * @param source where it comes from, for messages
     * @param name the molecule's name
     * @return the molecule
     * @throws CorruptFileException if the content is not a usable CML molecule
     * @throws IOException if the stream fails
     */
    public static Molecule read(InputStream in, String source, String name) throws IOException {
        Document doc = parse(in, source);
        Element molecule = first(doc.getDocumentElement(), "molecule");
        if (molecule == null) {
            throw new CorruptFileException(source, "no <molecule> element");
        }
        Element atomArray = first(molecule, "atomArray");
        if (atomArray == null) {
            throw new CorruptFileException(source, "<molecule> has no <atomArray>");
        }
        List<String> ids = new ArrayList<>();
        List<Atom> atoms = new ArrayList<>();
        List<Element> atomElements = children(atomArray, "atom");
        if (!atomElements.isEmpty()) {
            for (int i = 0; i < atomElements.size(); i++) {
                Element a = atomElements.get(i);
                String id = a.hasAttribute("id") ? a.getAttribute("id") : "a" + (i + 1);
                String where = "atom " + (i + 1) + " (id '" + id + "')";
                atoms.add(atom(source, where, attr(a, "elementType"), coordinate(source, where, a, "x3", "x2"),
                        coordinate(source, where, a, "y3", "y2"), coordinate(source, where, a, "z3", null)));
                ids.add(id);
            }
        } else {
            readArrays(source, atomArray, ids, atoms);
        }
        if (atoms.isEmpty()) {
            throw new CorruptFileException(source, "<atomArray> holds no atoms");
        }
        List<Bond> bonds = readBonds(source, molecule, ids);
        return new Molecule(name, atoms, bonds);
    }

    private static Document parse(InputStream in, String source) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            // the JDK parser's own depth limit: deeper documents fail with a located parse error
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", Limits.MAX_NESTING);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(in);
        } catch (SAXParseException e) {
            throw new CorruptFileException(source, "malformed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new CorruptFileException(source, "malformed XML: " + e.getMessage(), e);
        } catch (java.io.CharConversionException | java.io.UnsupportedEncodingException e) {
            // the XML declaration names an encoding the JDK lacks (UTF-7), or the bytes break it
            throw new CorruptFileException(source, "cannot decode the XML: " + e, e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be configured securely", e);
        }
    }

    private static void readArrays(String source, Element atomArray, List<String> ids, List<Atom> atoms)
            throws CorruptFileException {
        Map<String, String> arrays = new HashMap<>();
        for (String key : new String[] {"atomID", "elementType", "x3", "y3", "z3", "x2", "y2"}) {
            if (atomArray.hasAttribute(key)) {
                arrays.put(key, atomArray.getAttribute(key));
            }
        }
        for (Element c : children(atomArray, null)) {
            String kind = c.getLocalName();
            if (("stringArray".equals(kind) || "floatArray".equals(kind)) && c.hasAttribute("builtin")) {
                String key = c.getAttribute("builtin");
                arrays.put("atomId".equals(key) ? "atomID" : key, c.getTextContent());
            }
        }
        if (!arrays.containsKey("elementType")) {
            if (arrays.isEmpty()) {
                return;
            }
            throw new CorruptFileException(source, "<atomArray> gives coordinate arrays but no elementType array");
        }
        String[] el = split(arrays.get("elementType"));
        if (!arrays.containsKey("x3") && arrays.containsKey("x2")) {
            throw new CorruptFileException(source, "<atomArray> has only 2D coordinates (x2/y2); this reader needs "
                    + "3D coordinates (x3, y3, z3)");
        }
        String[][] xyz = new String[3][];
        String[] keys = {"x3", "y3", "z3"};
        for (int k = 0; k < 3; k++) {
            if (!arrays.containsKey(keys[k])) {
                throw new CorruptFileException(source, "<atomArray> has no " + keys[k] + " array");
            }
            xyz[k] = split(arrays.get(keys[k]));
            if (xyz[k].length != el.length) {
                throw new CorruptFileException(source, "<atomArray> lists " + el.length + " elements but "
                        + xyz[k].length + " " + keys[k] + " values");
            }
        }
        String[] idArr = arrays.containsKey("atomID") ? split(arrays.get("atomID")) : null;
        if (idArr != null && idArr.length != el.length) {
            throw new CorruptFileException(source, "<atomArray> lists " + el.length + " elements but " + idArr.length
                    + " atom ids");
        }
        for (int i = 0; i < el.length; i++) {
            String id = idArr != null ? idArr[i] : "a" + (i + 1);
            String where = "atom " + (i + 1) + " (id '" + id + "')";
            atoms.add(atom(source, where, el[i], number(source, where, "x3", xyz[0][i]),
                    number(source, where, "y3", xyz[1][i]), number(source, where, "z3", xyz[2][i])));
            ids.add(id);
        }
    }

    private static List<Bond> readBonds(String source, Element molecule, List<String> ids) throws CorruptFileException {
        Element bondArray = first(molecule, "bondArray");
        List<Bond> bonds = new ArrayList<>();
        if (bondArray == null) {
            return bonds;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        List<Element> list = children(bondArray, "bond");
        for (int k = 0; k < list.size(); k++) {
            Element b = list.get(k);
            String refs = attr(b, "atomRefs2");
            String[] ab = split(refs == null ? "" : refs);
            if (ab.length != 2) {
                throw new CorruptFileException(source, "bond " + (k + 1) + ": atomRefs2 '" + refs
                        + "' must name two atoms");
            }
            Integer i = index.get(ab[0]);
            Integer j = index.get(ab[1]);
            if (i == null || j == null || i.equals(j)) {
                throw new CorruptFileException(source, "bond " + (k + 1) + ": atomRefs2 '" + refs
                        + "' refers to an unknown atom id or twice to one atom");
            }
            bonds.add(new Bond(i, j, order(attr(b, "order"))));
        }
        return bonds;
    }

    private static int order(String o) {
        if (o == null) {
            return 0;
        }
        switch (o.trim()) {
            case "1": case "S": return 1;
            case "2": case "D": return 2;
            case "3": case "T": return 3;
            default: return 0;
        }
    }

    private static Atom atom(String source, String where, String element, double x, double y, double z)
            throws CorruptFileException {
        if (element == null || element.isBlank()) {
            throw new CorruptFileException(source, where + " has no elementType");
        }
        String e = element.trim();
        if (!e.matches("[A-Z][a-z]?")) {
            throw new CorruptFileException(source, where + " has elementType '" + e + "', not an element symbol");
        }
        return new Atom(e, x, y, z);
    }

    private static double coordinate(String source, String where, Element a, String key, String twoD)
            throws CorruptFileException {
        String v = attr(a, key);
        if (v == null) {
            if (twoD != null && attr(a, twoD) != null) {
                throw new CorruptFileException(source, where + " has only 2D coordinates (x2/y2); this reader "
                        + "needs 3D coordinates (x3, y3, z3)");
            }
            throw new CorruptFileException(source, where + " has no " + key + " attribute");
        }
        return number(source, where, key, v);
    }

    private static double number(String source, String where, String key, String v) throws CorruptFileException {
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException("not finite");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CorruptFileException(source, where + ": " + key + "='" + v + "' is not a finite number");
        }
    }

    private static String attr(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    private static String[] split(String s) {
        String t = s.trim();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    /** The first element of that name in document order (root included), found without recursion. */
    private static Element first(Element root, String localName) {
        java.util.ArrayDeque<Element> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Element e = todo.pop();
            if (localName.equals(e.getLocalName())) {
                return e;
            }
            List<Element> c = children(e, null);
            for (int i = c.size() - 1; i >= 0; i--) {
                todo.push(c.get(i));
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && (localName == null || localName.equals(n.getLocalName()))) {
                out.add((Element) n);
            }
        }
        return out;
    }
}
