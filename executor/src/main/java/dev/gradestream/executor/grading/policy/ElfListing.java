package dev.gradestream.executor.grading.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An object file's sections, symbols and relocations, as {@code readelf -W -S -s -r [-C]} lists them.
 * One readelf run gives all three; relocations name their symbol by index (the high half of
 * {@code Info}), so demangled names with spaces never have to be split.
 */
final class ElfListing {

    /** @param info for a relocation section, the index of the section it patches */
    record Section(int index, String name, String type, long offset, String flags, int info) {
        boolean allocated() {
            return flags.indexOf('A') >= 0;
        }

        boolean executable() {
            return flags.indexOf('X') >= 0;
        }
    }

    /**
     * @param value   for a definition, its offset in its section
     * @param section {@code UND}, {@code ABS}, {@code COM} or the defining section's index
     */
    record Symbol(int index, long value, String type, String bind, String section, String name) {
        boolean undefined() {
            return section.equals("UND");
        }

        boolean function() {
            return type.equals("FUNC") || type.equals("IFUNC");
        }

        int sectionIndex() {
            return section.chars().allMatch(Character::isDigit) ? Integer.parseInt(section) : -1;
        }
    }

    /** @param section the index of the section patched; {@code offset} is relative to it */
    record Relocation(int section, long offset, String type, int symbol) {
    }

    private static final Pattern SECTION = Pattern.compile("^\\s*\\[\\s*(\\d+)]\\s+(\\S*)\\s+(\\S+)\\s+[0-9a-f]+"
            + "\\s+([0-9a-f]+)\\s+[0-9a-f]+\\s+[0-9a-f]+\\s+([A-Za-z]*)\\s+\\d+\\s+(\\d+)\\s+\\d+\\s*$");
    private static final Pattern SYMBOL =
            Pattern.compile("^\\s*(\\d+):\\s+([0-9a-f]+)\\s+\\S+\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s+(\\S+)(?: (.*))?$");
    private static final Pattern RELOCATION_HEADER =
            Pattern.compile("^Relocation section '.*' at offset 0x([0-9a-f]+) contains");
    private static final Pattern RELOCATION = Pattern.compile("^([0-9a-f]{8,})\\s+([0-9a-f]{8,})\\s+(\\S+)");

    private final Map<Integer, Section> sections = new HashMap<>();
    private final Map<Integer, Symbol> symbols = new HashMap<>();
    private final List<Relocation> relocations = new ArrayList<>();

    private ElfListing() {
    }

    static ElfListing parse(String listing) {
        ElfListing elf = new ElfListing();
        Map<Long, Section> byOffset = new HashMap<>();
        String part = "";
        int patched = -1;
        for (String line : listing.split("\n")) {
            Matcher header = RELOCATION_HEADER.matcher(line);
            if (line.startsWith("Section Headers:")) {
                part = "sections";
            } else if (line.startsWith("Symbol table '")) {
                // A relocatable object has one symbol table; a .dynsym would not be what relocations index.
                part = line.startsWith("Symbol table '.symtab'") ? "symbols" : "";
            } else if (header.find()) {
                // Relocations of debug sections are most of the listing and never name a call: skip them.
                Section rela = byOffset.get(Long.parseLong(header.group(1), 16));
                Section target = rela == null ? null : elf.sections.get(rela.info());
                part = "relocations";
                patched = target != null && target.allocated() ? target.index() : -1;
            } else if (part.equals("sections")) {
                elf.addSection(line, byOffset);
            } else if (part.equals("symbols")) {
                elf.addSymbol(line);
            } else if (part.equals("relocations") && patched >= 0) {
                elf.addRelocation(line, patched);
            }
        }
        return elf;
    }

    private void addSection(String line, Map<Long, Section> byOffset) {
        Matcher m = SECTION.matcher(line);
        if (m.matches()) {
            Section section = new Section(Integer.parseInt(m.group(1)), m.group(2), m.group(3),
                    Long.parseLong(m.group(4), 16), m.group(5), Integer.parseInt(m.group(6)));
            sections.put(section.index(), section);
            if (section.type().equals("RELA") || section.type().equals("REL")) {
                byOffset.put(section.offset(), section);
            }
        }
    }

    private void addSymbol(String line) {
        Matcher m = SYMBOL.matcher(line);
        if (m.matches()) {
            int index = Integer.parseInt(m.group(1));
            symbols.put(index, new Symbol(index, Long.parseUnsignedLong(m.group(2), 16), m.group(3), m.group(4),
                    m.group(5), m.group(6) == null ? "" : m.group(6).strip()));
        }
    }

    private void addRelocation(String line, int patched) {
        Matcher m = RELOCATION.matcher(line);
        if (m.find()) {
            String info = m.group(2);
            // Info is the symbol index (high 32 bits) and the type (low 32 bits).
            int symbol = (int) Long.parseUnsignedLong(info.substring(0, info.length() - 8), 16);
            relocations.add(new Relocation(patched, Long.parseUnsignedLong(m.group(1), 16), m.group(3), symbol));
        }
    }

    Map<Integer, Section> sections() {
        return sections;
    }

    Map<Integer, Symbol> symbols() {
        return symbols;
    }

    List<Relocation> relocations() {
        return relocations;
    }
}
