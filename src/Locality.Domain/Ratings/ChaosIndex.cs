namespace Locality.Domain.Ratings;

/// <summary>
/// The Chaos Index (the New Directions Team assessment), built in: ten domains, each with five steps from "no
/// concern" to "severe"; eight score 0 to 4 and two (risk to others, risk from others) score double, 0 to 8, so the
/// total runs from 0 to 48 and a higher total means more chaos. Rated again every 12 weeks. The wording is ours.
/// </summary>
public static class ChaosIndex
{
    public const int RerateEveryWeeks = 12;

    public static InstrumentDefinition Definition { get; } = new(
        "Chaos Index (NDT)",
        "A practitioner's rating, with the person where possible, of ten areas of their life. A higher total means more chaos; the trend over time matters more than any one total.",
        ScoreDirection.HigherIsWorse,
        RerateEveryWeeks,
        [
            Domain("engagement", "Engagement with frontline services", 1,
                ("Engages well", "Keeps nearly all appointments and works with the services around them."),
                ("Mostly engages", "Misses the odd appointment but usually gets back in touch."),
                ("Patchy", "Engages with some services or at some times, not others."),
                ("Rarely engages", "Seldom keeps appointments; contact is mostly in a crisis."),
                ("Does not engage", "Does not keep appointments or take part at all.")),
            Domain("intentional-self-harm", "Intentional self-harm", 1,
                ("No concerns", "No sign of deliberate self-harm or thoughts of suicide."),
                ("Past concerns", "Some history, nothing recent."),
                ("Some concern", "Recent thoughts or talk of harming themselves."),
                ("Serious concern", "Recent deliberate self-harm."),
                ("Immediate risk", "Deliberate self-harm or a suicide attempt now or very likely soon.")),
            Domain("unintentional-self-harm", "Unintentional self-harm", 1,
                ("No concerns", "Looks after their own safety and health."),
                ("Minor concerns", "Occasional self-neglect or risky choices."),
                ("Some concern", "Self-neglect or unsafe behaviour that is starting to cause harm."),
                ("Serious concern", "Regular harm from self-neglect, risky use or unsafe situations."),
                ("Immediate risk", "In danger now from self-neglect or unsafe behaviour.")),
            Domain("risk-to-others", "Risk to others", 2,
                ("No risk", "No sign they are a danger to anyone."),
                ("Low risk", "Past incidents, nothing recent."),
                ("Some risk", "Recent threats or minor incidents."),
                ("Serious risk", "Recent violence or serious threats to others."),
                ("Immediate risk", "Likely to harm someone now.")),
            Domain("risk-from-others", "Risk from others", 2,
                ("No risk", "No sign anyone is harming or exploiting them."),
                ("Low risk", "Past abuse or exploitation, nothing recent."),
                ("Some risk", "Concerns about someone around them."),
                ("Serious risk", "Recent abuse, threats or exploitation."),
                ("Immediate risk", "Being abused or exploited now.")),
            Domain("stress-and-anxiety", "Stress and anxiety", 1,
                ("Copes well", "Copes with the ordinary stresses of life."),
                ("Some strain", "Stress shows at times but passes."),
                ("Struggling", "Stress and worry often get in the way of everyday life."),
                ("Very anxious", "Anxiety or distress most of the time."),
                ("Overwhelmed", "Reacts to stress in extreme ways; cannot manage day to day.")),
            Domain("social-effectiveness", "Social effectiveness", 1,
                ("No problems", "Gets on with people and manages social situations."),
                ("Minor problems", "Sometimes finds people or situations hard."),
                ("Some problems", "Often misreads people or falls out with them."),
                ("Serious problems", "Finds most social situations very hard."),
                ("Very isolated", "Has almost no way of getting on with others.")),
            Domain("alcohol-and-drugs", "Alcohol and drug use", 1,
                ("No problem use", "Does not drink or use drugs, or it causes no problems."),
                ("Some use", "Uses now and then, with small problems."),
                ("Problem use", "Use is causing problems with health, money or relationships."),
                ("Heavy use", "Use dominates daily life."),
                ("Dependent", "Dependent, including crime to pay for it.")),
            Domain("impulse-control", "Impulse control", 1,
                ("No incidents", "Nothing worth noting."),
                ("Occasional", "The odd outburst or rash act."),
                ("Regular", "Outbursts or rash acts happen regularly."),
                ("Frequent", "Frequent outbursts that cause problems."),
                ("Severe", "Frequent or severe outbursts; acts with no thought for what follows.")),
            Domain("housing", "Housing", 1,
                ("Settled", "A settled home, needing little support."),
                ("Mostly settled", "A home, with some worries about keeping it."),
                ("Insecure", "Temporary or insecure housing, or at risk of losing their home."),
                ("Unsafe or unsuitable", "Sofa surfing, hostels, or housing that is unsafe for them."),
                ("Street homeless or exploited", "Sleeping rough, or in housing where they are coerced or exploited.")),
        ]);

    private static InstrumentDomain Domain(string key, string name, int weight, params (string Label, string Description)[] steps) =>
        new(key, name, steps.Select((s, i) => new InstrumentStep(s.Label, s.Description, i * weight)).ToList());
}
