package dev.gradestream.executor.grading.policy;

import dev.gradestream.executor.grading.policy.ElfListing.Relocation;
import dev.gradestream.executor.grading.policy.ElfListing.Section;
import dev.gradestream.executor.grading.policy.ElfListing.Symbol;
import dev.gradestream.executor.grading.policy.LineLocator.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads what the user's object code refers to and where. A reference is a relocation against a symbol
 * the user's code does not define, placed by the debug line of the instruction it patches, so a call
 * built by a macro or by token pasting is found on the line where the macro is used.
 *
 * <p>Not everything in the object is the user's: C++ headers put their templates and inline functions
 * there ({@code std::sort}, the {@code strchr(char*, int)} overload, iostream's initialiser). Such a
 * function is a library function the user calls, and what it calls in turn is the library's business.
 * It is told by namespace (std and friends, without launching anything) or by where its code comes
 * from: a line in a header rather than in {@code code}.
 */
final class ObjectReferences {

    record Found(List<Reference> references, Set<String> definedFunctions, boolean definesMain) {
    }

    /** Exception tables refer to typeinfo and the personality routine for every try and cleanup. */
    private static final Set<String> UNWIND_SECTIONS = Set.of(".eh_frame", ".gcc_except_table");

    private final ElfListing elf;
    private final boolean cxx;
    private final SourceIndex source;
    private final Set<Integer> libraryFunctions = new HashSet<>();
    private final Map<Integer, Symbol> ownFunctions = new LinkedHashMap<>();
    private final Map<Integer, Boolean> sectionHasUserCode = new HashMap<>();
    private final Map<Integer, Map<Long, Location>> located = new HashMap<>();

    private ObjectReferences(ElfListing elf, boolean cxx, SourceIndex source) {
        this.elf = elf;
        this.cxx = cxx;
        this.source = source;
    }

    static Found find(ElfListing elf, boolean cxx, SourceIndex source, LineLocator locator)
            throws IOException, InterruptedException {
        ObjectReferences finder = new ObjectReferences(elf, cxx, source);
        finder.classifyByName();
        List<Relocation> candidates = finder.candidates();
        finder.locate(candidates, locator);
        finder.classifyByPlace();
        List<Reference> references = new ArrayList<>();
        for (Relocation relocation : candidates) {
            references.addAll(finder.resolve(relocation));
        }
        Set<String> defined = new TreeSet<>();
        finder.ownFunctions.values().forEach(f -> defined.add(cxx ? SymbolName.parse(f.name()).qualified() : f.name()));
        boolean main = finder.ownFunctions.values().stream().anyMatch(f -> f.name().equals("main"));
        return new Found(references, defined, main);
    }

    /** A first sort of the definitions that needs no tool: namespace std is the library's. */
    private void classifyByName() {
        for (Symbol symbol : elf.symbols().values()) {
            boolean definition = symbol.function() || symbol.type().equals("OBJECT") || symbol.type().equals("TLS");
            if (symbol.undefined() || !definition || symbol.name().isEmpty()) {
                continue;
            }
            boolean library = cxx && SymbolName.parse(symbol.name()).inLibraryNamespace();
            boolean generated = cxx && (symbol.name().startsWith("_GLOBAL__")
                    || symbol.name().startsWith("__static_initialization_and_destruction"));
            sectionHasUserCode.merge(symbol.sectionIndex(), !library && !generated, Boolean::logicalOr);
            if (symbol.function() && library) {
                libraryFunctions.add(symbol.index());
            } else if (symbol.function() && !generated) {
                ownFunctions.put(symbol.index(), symbol);
            }
        }
    }

    /** The relocations that may be the user's references, outside sections known to be the library's. */
    private List<Relocation> candidates() {
        List<Relocation> candidates = new ArrayList<>();
        for (Relocation relocation : elf.relocations()) {
            Section target = elf.sections().get(relocation.section());
            Symbol symbol = elf.symbols().get(relocation.symbol());
            if (target != null && !UNWIND_SECTIONS.contains(target.name()) && !librarySection(target)
                    && mayBeJudged(symbol)) {
                candidates.add(relocation);
            }
        }
        return candidates;
    }

    private boolean mayBeJudged(Symbol symbol) {
        if (symbol == null || symbol.name().isEmpty() || symbol.type().equals("SECTION")
                || symbol.type().equals("FILE") || LibraryNames.abiData(symbol.name())) {
            return false;
        }
        int index = symbol.index();
        return symbol.undefined() || libraryFunctions.contains(index) || ownFunctions.containsKey(index);
    }

    /**
     * A section whose definitions are all the library's (an instantiated std template's code or vtable).
     * Unless the user reopened namespace std or took over the line numbering: then nothing can be taken
     * on trust and all is judged.
     */
    private boolean librarySection(Section section) {
        return Boolean.FALSE.equals(sectionHasUserCode.get(section.index())) && trustLocations();
    }

    private boolean trustLocations() {
        return !source.opensReservedNamespace() && !source.hasLineControl();
    }

    /** One addr2line launch per code section, for its relocations and the starts of its functions. */
    private void locate(List<Relocation> candidates, LineLocator locator) throws IOException, InterruptedException {
        Map<Integer, Set<Long>> offsets = new LinkedHashMap<>();
        candidates.forEach(r -> offsets.computeIfAbsent(r.section(), k -> new LinkedHashSet<>()).add(r.offset()));
        for (Symbol function : ownFunctions.values()) {
            offsets.computeIfAbsent(function.sectionIndex(), k -> new LinkedHashSet<>()).add(function.value());
        }
        for (Map.Entry<Integer, Set<Long>> entry : offsets.entrySet()) {
            Section section = elf.sections().get(entry.getKey());
            if (section == null || !section.executable()) {
                continue;
            }
            List<Long> asked = List.copyOf(entry.getValue());
            List<Location> answers = locator.locate(section.name(), asked);
            Map<Long, Location> bySection = located.computeIfAbsent(section.index(), k -> new HashMap<>());
            for (int k = 0; k < asked.size(); k++) {
                bySection.put(asked.get(k), answers.get(k));
            }
        }
    }

    private Location location(int section, long offset) {
        return located.getOrDefault(section, Map.of()).getOrDefault(offset, Location.UNKNOWN);
    }

    /** A function whose code starts in a header (a C++ inline overload) is the library's, not the user's. */
    private void classifyByPlace() {
        if (!trustLocations()) {
            return;
        }
        ownFunctions.values().removeIf(function -> {
            boolean header = fromHeader(location(function.sectionIndex(), function.value()));
            if (header) {
                libraryFunctions.add(function.index());
            }
            return header;
        });
    }

    private static boolean fromHeader(Location location) {
        return location.file() != null && !location.inUserCode();
    }

    private List<Reference> resolve(Relocation relocation) {
        Symbol symbol = elf.symbols().get(relocation.symbol());
        Section target = elf.sections().get(relocation.section());
        Location location = location(relocation.section(), relocation.offset());
        if (ownFunctions.containsKey(symbol.index()) || (fromHeader(location) && !source.hasLineControl())) {
            return List.of(); // the user's own function; or code a header put there, calling what it needs
        }
        // From data (a function pointer in an initialiser) the kind is unknown: judge it as a function.
        boolean function = !symbol.undefined() || !target.executable() || callOrAddress(relocation.type());
        return placed(SymbolName.parse(symbol.name()).simple(), function,
                location.inUserCode() ? location.line() : null);
    }

    /** x86-64 calls go through the PLT; a function's address is taken through the GOT in PIE code. */
    private static boolean callOrAddress(String type) {
        return type.contains("PLT") || type.contains("GOT") || type.contains("CALL") || type.contains("JUMP");
    }

    /** Attaches the names the user wrote; a reference with no line is placed wherever its name is written. */
    private List<Reference> placed(String symbol, boolean function, Integer line) {
        List<String> all = LibraryNames.writtenAs(symbol);
        if (line != null) {
            return List.of(at(symbol, all, function, line));
        }
        Set<Integer> lines = source.linesOf(all);
        if (lines.isEmpty()) {
            return List.of(new Reference(symbol, all, function, null, null, false));
        }
        return lines.stream().map(written -> at(symbol, all, function, written)).toList();
    }

    private Reference at(String symbol, List<String> all, boolean function, int line) {
        List<String> written = source.writtenOn(all, line);
        Integer column = written.isEmpty() ? null : source.columnOf(written.get(0), line);
        boolean implicit = written.isEmpty() && LibraryNames.implicitCandidate(symbol)
                && all.stream().noneMatch(source::inDirective);
        return new Reference(symbol, written.isEmpty() ? all : written, function, line, column, implicit);
    }
}
